export * from './auth';
export * from './case-view';
export * from './cases';
export * from './errors';
export * from './ingestion';
export * from './policy';
export * from './subjects';
export * from './users';
