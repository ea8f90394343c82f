import type { RelatedCase } from '@review-desk/contracts';
import type { StoreExecutor } from './rows';
import type { CaseRow } from './schema';

const MAX_RELATED = 50;

/** What a list of linked cases reads of each: who, where it stands, and the keys it was linked by. */
export const linkedCaseColumns = [
  'id',
  'provider',
  'subject_id',
  'display_name',
  'state',
  'resolution',
  'created_at',
  'person_id_key',
  'person_name_key',
  'company_tax_key',
  'company_name_key',
] as const;

type Keys = Pick<
  CaseRow,
  | 'id'
  | 'provider'
  | 'subject_id'
  | 'person_id_key'
  | 'person_name_key'
  | 'company_tax_key'
  | 'company_name_key'
  | 'resolution'
>;

/**
 * Other cases about the same person (same subject, ID number, or name and birth date) or the same company
 * (tax id or normalised name), at either provider. Approved and rejected among them (this case included)
 * is a conflict.
 */
export async function relatedCases(
  db: StoreExecutor,
  row: Keys,
): Promise<{ related: RelatedCase[]; conflict: boolean }> {
  const rows = await db
    .selectFrom('cases')
    .select(linkedCaseColumns)
    .where('id', '<>', row.id)
    .where((eb) => {
      const matches = [eb.and([eb('provider', '=', row.provider), eb('subject_id', '=', row.subject_id)])];
      if (row.person_id_key) matches.push(eb('person_id_key', '=', row.person_id_key));
      if (row.person_name_key) matches.push(eb('person_name_key', '=', row.person_name_key));
      if (row.company_tax_key) matches.push(eb('company_tax_key', '=', row.company_tax_key));
      if (row.company_name_key) matches.push(eb('company_name_key', '=', row.company_name_key));
      return eb.or(matches);
    })
    .orderBy('created_at', 'desc')
    .limit(MAX_RELATED)
    .execute();

  const resolutions = new Set([row.resolution, ...rows.map((other) => other.resolution)]);
  const conflict = resolutions.has('approved') && resolutions.has('rejected');
  const opposite = (resolution: string | null) =>
    resolution === 'approved' ? 'rejected' : resolution === 'rejected' ? 'approved' : null;
  const countOf = (resolution: string) =>
    (row.resolution === resolution ? 1 : 0) + rows.filter((other) => other.resolution === resolution).length;

  const related = rows.map((other): RelatedCase => {
    const matchedOn: RelatedCase['matchedOn'] = [];
    if (other.provider === row.provider && other.subject_id === row.subject_id)
      matchedOn.push('same_subject');
    if (row.person_id_key && other.person_id_key === row.person_id_key) matchedOn.push('id_number');
    if (row.person_name_key && other.person_name_key === row.person_name_key)
      matchedOn.push('name_birth_date');
    if (row.company_tax_key && other.company_tax_key === row.company_tax_key) matchedOn.push('tax_id');
    if (row.company_name_key && other.company_name_key === row.company_name_key)
      matchedOn.push('company_name');
    const against = opposite(other.resolution);
    return {
      caseId: other.id,
      provider: other.provider,
      displayName: other.display_name,
      state: other.state,
      resolution: other.resolution,
      matchedOn,
      createdAt: other.created_at.toISOString(),
      conflicting: against !== null && countOf(against) > 0,
    };
  });
  return { related, conflict };
}
