import { describe, expect, it } from 'vitest';
import {
  type AmlDisposition,
  type AmlListType,
  checkDecision,
  checkDisposition,
  type DecisionOutcome,
  decisionOutcomes,
  listTypesOf,
  outcomeRules,
  type Role,
} from '../src';

/** A reason of the outcome that any evidence allows, so the table tests the outcome and the disposition. */
const neutralReason: Record<DecisionOutcome, string> = {
  approve: 'documents_verified',
  reject: 'identity_mismatch',
  escalate: 'second_opinion',
  request_information: 'missing_document',
};
const longNote = 'Source of wealth: salary and a documented inheritance';
const lists: AmlListType[] = ['sanction', 'pep', 'adverse_media', 'unclassified'];
const dispositions: (AmlDisposition | null)[] = [null, 'true_match', 'false_positive', 'needs_information'];
const roles: Role[] = ['analyst', 'senior'];

/** What the desk's rules say, written out case by case (COMPLIANCE.md): the expected refusal code or null. */
function expected(
  outcome: DecisionOutcome,
  list: AmlListType,
  disposition: AmlDisposition | null,
  role: Role,
) {
  const trueMatch = disposition === 'true_match';
  if (trueMatch && (list === 'sanction' || list === 'unclassified')) {
    return outcome === 'approve' || outcome === 'request_information' ? 'sanctions_true_match' : null;
  }
  if (trueMatch && list === 'pep' && outcome === 'approve')
    return role === 'senior' ? 'pep' : 'senior_required';
  return null;
}

const facts = (list: AmlListType, disposition: AmlDisposition | null, role: Role) => ({
  role,
  hits: [{ ref: 'h1', name: 'Listed Person', listTypes: [list] }],
  dispositions: disposition ? [{ hitRef: 'h1', disposition, confirmed: true }] : [],
  firstDecision: null,
});

describe('the decision policy', () => {
  const rows = decisionOutcomes.flatMap((outcome) =>
    lists.flatMap((list) =>
      dispositions.flatMap((disposition) => roles.map((role) => ({ outcome, list, disposition, role }))),
    ),
  );

  it.each(rows)(
    '$outcome with a $list hit disposed $disposition, as $role',
    ({ outcome, list, disposition, role }) => {
      const want = expected(outcome, list, disposition, role);
      const rule = outcomeRules(facts(list, disposition, role)).find((item) => item.outcome === outcome);
      if (want === 'pep') {
        // A senior may approve a PEP true match, only with the EDD reason and a note of 20 characters.
        expect(rule?.reasons).toEqual(['pep_edd_completed']);
        const draft = { outcome, reasonCode: 'pep_edd_completed', comment: longNote };
        expect(checkDecision(facts(list, disposition, role), draft)).toBeNull();
        expect(
          checkDecision(facts(list, disposition, role), { ...draft, comment: 'EDD done, all fine' })?.code,
        ).toBe('note_required');
        expect(
          checkDecision(facts(list, disposition, role), { ...draft, reasonCode: 'documents_verified' })?.code,
        ).toBe('reason_contradicts_evidence');
        return;
      }
      const draft = { outcome, reasonCode: neutralReason[outcome], comment: longNote };
      expect(checkDecision(facts(list, disposition, role), draft)?.code ?? null).toBe(want);
      expect(rule?.allowed).toBe(want === null);
    },
  );

  it.each(rows.filter((row) => row.outcome === 'approve'))(
    '"AML hits cleared as false positives" agrees only with every hit a false positive ($list, $disposition, $role)',
    ({ list, disposition, role }) => {
      const refusal = checkDecision(facts(list, disposition, role), {
        outcome: 'approve',
        reasonCode: 'aml_false_positive_cleared',
        comment: longNote,
      });
      if (disposition === 'false_positive') expect(refusal).toBeNull();
      else
        expect(refusal?.code).toMatch(/^(reason_contradicts_evidence|sanctions_true_match|senior_required)$/);
    },
  );

  it('an adverse-media true match needs a note to approve', () => {
    const draft = { outcome: 'approve' as const, reasonCode: 'documents_verified', comment: '' };
    expect(checkDecision(facts('adverse_media', 'true_match', 'analyst'), draft)?.code).toBe('note_required');
    expect(
      checkDecision(facts('adverse_media', 'true_match', 'analyst'), {
        ...draft,
        comment: 'A namesake, 2019',
      }),
    ).toBeNull();
  });

  it('a second reviewer who disagrees must say why', () => {
    const second = {
      ...facts('adverse_media', 'false_positive', 'senior'),
      firstDecision: { outcome: 'reject' as const },
    };
    const draft = { outcome: 'approve' as const, reasonCode: 'documents_verified', comment: '' };
    expect(checkDecision(second, draft)?.code).toBe('note_required');
    expect(
      checkDecision(second, { outcome: 'reject', reasonCode: 'identity_mismatch', comment: '' }),
    ).toBeNull();
  });

  it.each(
    lists.flatMap((list) =>
      (['true_match', 'needs_information', 'false_positive'] as const).map((d) => ({ list, d })),
    ),
  )('a $d on a $list listing needs a rationale only on sanctions and PEP lists', ({ list, d }) => {
    const needs = d !== 'false_positive' && list !== 'adverse_media';
    expect(checkDisposition([list], d, '')?.code ?? null).toBe(needs ? 'rationale_required' : null);
    expect(checkDisposition([list], d, 'Exact birth date and nationality')).toBeNull();
  });

  it('reads list types from the listing, then its name, else calls it unclassified', () => {
    expect(listTypesOf({ amlHits: [{ listType: 'pep' }, { listName: 'OFAC SDN' }] })).toEqual([
      'sanction',
      'pep',
    ]);
    expect(listTypesOf({ amlHits: [{ listName: 'Adverse Media - Fraud' }] })).toEqual(['adverse_media']);
    expect(listTypesOf({ amlHits: [{ listName: 'Some list' }] })).toEqual(['unclassified']);
    expect(listTypesOf({ amlHits: [] })).toEqual(['unclassified']);
  });
});
