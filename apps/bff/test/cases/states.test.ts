import { caseStates, workflowActions } from '@review-desk/contracts';
import { describe, expect, it } from 'vitest';
import { assertTransition, isAllowed, targetOf, transitions } from '../../src/cases/states';
import { ApiError } from '../../src/errors';

describe('the workflow transition table', () => {
  it('names only known actions and states, each transition once', () => {
    const keys = transitions.map(([action, from, to]) => `${action}:${from}:${to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [action, from, to] of transitions) {
      expect(workflowActions).toContain(action);
      expect(caseStates).toContain(from);
      expect(caseStates).toContain(to);
    }
  });

  it('lets nothing leave a resolved case but a reopening', () => {
    const fromResolved = transitions.filter(([, from]) => from === 'resolved');
    expect(fromResolved.map(([, , to]) => to)).toEqual(['reopened', 'reopened']);
    expect(fromResolved.map(([action]) => action).sort()).toEqual(['reopen', 'upstream_review_needed']);
  });

  it('reaches every state from open', () => {
    const reached = new Set<string>(['open']);
    for (let round = 0; round < caseStates.length; round++) {
      for (const [, from, to] of transitions) if (reached.has(from)) reached.add(to);
    }
    expect([...reached].sort()).toEqual([...caseStates].sort());
  });

  it('refuses every pair the table does not list with 409 invalid_transition naming from and to', () => {
    let refused = 0;
    for (const action of workflowActions) {
      for (const from of caseStates) {
        for (const to of caseStates) {
          if (isAllowed(action, from, to)) {
            expect(() => assertTransition(action, from, to)).not.toThrow();
            continue;
          }
          refused++;
          try {
            assertTransition(action, from, to);
            expect.unreachable(`${action} ${from} → ${to} was allowed`);
          } catch (error) {
            expect(error).toBeInstanceOf(ApiError);
            expect(error).toMatchObject({
              statusCode: 409,
              code: 'invalid_transition',
              details: { action, from, to },
            });
          }
        }
      }
    }
    expect(refused).toBe(workflowActions.length * caseStates.length ** 2 - transitions.length);
  });

  it.each([
    ['claim', 'open', 'in_review'],
    ['claim', 'escalated', 'escalated'],
    ['claim', 'resolved', null],
    ['release', 'in_review', 'open'],
    ['release', 'open', null],
    ['escalate', 'escalated', null],
    ['request_information', 'open', null],
    ['upstream_resolved', 'resolved', null],
  ] as const)('%s from %s leads to %s', (action, from, to) => {
    expect(targetOf(action, from)).toBe(to);
  });
});
