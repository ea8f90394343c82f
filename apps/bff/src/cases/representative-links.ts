import type { Provider, RepresentativeRelatedCase } from '@review-desk/contracts';
import { type LinkingKeys, linkingKeys } from './linking';
import { linkedCaseColumns } from './related';
import type { StoreExecutor } from './rows';

const MAX_RELATED = 50;

type Match = RepresentativeRelatedCase['matchedOn'][number];

/** Businesses whose directory representatives include the person with these keys. */
export type BusinessesRepresentedBy = (keys: {
  personIdKey: string | null;
  personNameKey: string | null;
}) => Promise<{ provider: Provider; customerId: string }[]>;

export interface EntityIdentityFacts {
  /** A business customer is linked by its tax id and name; a person by ID number, and name with birth date. */
  business: boolean;
  name: string | null;
  birthDate: string | null;
  idNumber: string | null;
}

const keyMatches: [keyof LinkingKeys, Match][] = [
  ['person_id_key', 'id_number'],
  ['person_name_key', 'name_birth_date'],
  ['company_tax_key', 'tax_id'],
  ['company_name_key', 'company_name'],
];

/**
 * The desk's other cases about the same person or business as one entity of a journey: cases whose subject
 * has its linking keys (either provider), and, for a person, the cases of other businesses the directory lists
 * them as representing. The case the entity belongs to is left out.
 */
export async function entityRelatedCases(
  db: StoreExecutor,
  own: { caseId: string; provider: Provider; subjectId: string },
  facts: EntityIdentityFacts,
  representedBy: BusinessesRepresentedBy,
): Promise<RepresentativeRelatedCase[]> {
  const keys = linkingKeys({
    subjectType: facts.business ? 'business' : 'individual',
    displayName: facts.name,
    birthDate: facts.birthDate,
    idNumber: facts.business ? null : facts.idNumber,
    taxId: facts.business ? facts.idNumber : null,
  });
  const present = keyMatches.filter(([column]) => keys[column] !== null);
  const businesses = facts.business
    ? []
    : (await representedBy({ personIdKey: keys.person_id_key, personNameKey: keys.person_name_key })).filter(
        (business) => business.provider !== own.provider || business.customerId !== own.subjectId,
      );
  if (present.length === 0 && businesses.length === 0) return [];

  const rows = await db
    .selectFrom('cases')
    .select(linkedCaseColumns)
    .where('id', '<>', own.caseId)
    .where((eb) =>
      eb.or([
        ...present.map(([column]) => eb(column, '=', keys[column])),
        ...businesses.map((business) =>
          eb.and([eb('provider', '=', business.provider), eb('subject_id', '=', business.customerId)]),
        ),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(MAX_RELATED)
    .execute();

  return rows.map((row) => {
    const matchedOn: Match[] = present
      .filter(([column]) => row[column] === keys[column])
      .map(([, match]) => match);
    if (businesses.some((b) => b.provider === row.provider && b.customerId === row.subject_id)) {
      matchedOn.push('represents');
    }
    return {
      caseId: row.id,
      provider: row.provider,
      displayName: row.display_name,
      state: row.state,
      resolution: row.resolution,
      matchedOn,
      createdAt: row.created_at.toISOString(),
    };
  });
}
