/**
 * The case API: the review queue, the workflow of one case, decisions, the audit trail and case events.
 * Schemas are TypeBox; the SPA uses their static types, the BFF validates and serialises with them.
 */
export * from './cases/audit';
export * from './cases/customer-summary';
export * from './cases/decisions';
export * from './cases/detail';
export * from './cases/directory-record';
export * from './cases/disagreement';
export * from './cases/documents';
export * from './cases/events';
export * from './cases/evidence-pack';
export * from './cases/flags';
export * from './cases/representative';
export * from './cases/saved-views';
export * from './cases/summary';
export * from './cases/workflow';
