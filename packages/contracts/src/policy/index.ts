/**
 * The decision policy: one module for the rules a decision must keep, used by the BFF to refuse what breaks
 * them, by the case detail to say what approval still needs, and by the SPA to offer only what they allow.
 */
export * from './aml-lists';
export * from './approval-conditions';
export * from './beneficial-owners';
export * from './decisions';
export * from './evidence-gaps';
export * from './four-eyes';
