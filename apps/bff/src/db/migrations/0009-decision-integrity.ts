import { type Kysely, type Migration, sql } from 'kysely';

/**
 * The decision record keeps what the decision policy asks for: the missing evidence the reviewer acknowledged,
 * which first decision a second review reviewed and whether it agreed, whose acknowledgements it confirmed,
 * and, for a first decision voided because the evidence changed before its second review, when and what
 * changed. Old rows read as decisions with no acknowledged gaps that were never superseded.
 */
export const decisionIntegrity: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await sql`
      alter table case_decisions
        add column acknowledged_gaps jsonb not null default '[]',
        add column acknowledgements_confirmed_from uuid references case_decisions (id),
        add column review_of uuid references case_decisions (id),
        add column agrees_with_first boolean,
        add column superseded_at timestamptz,
        add column evidence_changes jsonb not null default '[]'`.execute(db);
  },
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  async down(db: Kysely<any>) {
    await sql`
      alter table case_decisions
        drop column acknowledged_gaps,
        drop column acknowledgements_confirmed_from,
        drop column review_of,
        drop column agrees_with_first,
        drop column superseded_at,
        drop column evidence_changes`.execute(db);
  },
};
