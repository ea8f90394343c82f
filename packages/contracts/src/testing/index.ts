export * from './case-views';
