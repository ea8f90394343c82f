import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Cases and their review record: search terms, entity applications, AML dispositions (and remembered false
 * positives), notes, decisions, evidence views and evidence snapshots.
 *
 * The queue is read at 100,000+ cases, so every list order has a composite index ending in the id (the keyset
 * tie-breaker), and text search runs on `case_search_terms`: one row per lower-cased word of the name and per
 * id, in the "C" collation so that `term like 'prefix%'` is a plain b-tree range scan on both engines (no
 * pg_trgm, which PGlite lacks).
 */
export const cases: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not follow today's DB type.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('cases')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('provider', 'text', (c) => c.notNull().check(sql`provider in ('capa', 'connectfi')`))
      .addColumn('subject_type', 'text', (c) =>
        c.notNull().check(sql`subject_type in ('individual', 'business')`),
      )
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('verification_id', 'text', (c) => c.notNull())
      .addColumn('capa_user_id', 'text')
      .addColumn('external_user_id', 'text')
      .addColumn('connectfi_customer_id', 'text')
      .addColumn('connectfi_application_id', 'text')
      .addColumn('display_name', 'text')
      .addColumn('birth_date', 'text')
      .addColumn('id_number', 'text')
      .addColumn('tax_id', 'text')
      .addColumn('person_id_key', 'text')
      .addColumn('person_name_key', 'text')
      .addColumn('company_tax_key', 'text')
      .addColumn('company_name_key', 'text')
      .addColumn('upstream_status', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) =>
        c
          .notNull()
          .check(
            sql`state in ('open', 'in_review', 'awaiting_second_review', 'escalated', 'info_requested', 'reopened', 'resolved')`,
          ),
      )
      .addColumn('resolution', 'text', (c) =>
        c.check(sql`resolution in ('approved', 'rejected', 'resolved_upstream')`),
      )
      .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('upstream', 'by_hand')`))
      .addColumn('assignee_id', 'uuid', (c) => c.references('users.id'))
      .addColumn('claim_expires_at', 'timestamptz')
      .addColumn('first_reviewer_id', 'uuid', (c) => c.references('users.id'))
      .addColumn('triage_score', 'integer', (c) => c.notNull().check(sql`triage_score between 0 and 100`))
      .addColumn('triage_factors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
      .addColumn('sla_due_at', 'timestamptz', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('resolved_at', 'timestamptz')
      .addUniqueConstraint('cases_verification_key', ['provider', 'subject_id', 'verification_id'])
      .addCheckConstraint(
        'cases_resolution_when_resolved',
        sql`(state = 'resolved') = (resolution is not null)`,
      )
      .execute();

    const index = (name: string, columns: string[]) =>
      db.schema.createIndex(name).on('cases').columns(columns).execute();
    await index('cases_priority', ['triage_score desc', 'created_at', 'id']);
    await index('cases_created', ['created_at', 'id']);
    await index('cases_updated', ['updated_at', 'id']);
    await index('cases_state', ['state', 'sla_due_at']);
    await index('cases_assignee', ['assignee_id']);
    await index('cases_subject', ['subject_id']);
    await index('cases_person_id_key', ['person_id_key']);
    await index('cases_person_name_key', ['person_name_key']);
    await index('cases_company_tax_key', ['company_tax_key']);
    await index('cases_company_name_key', ['company_name_key']);

    await db.schema
      .createTable('case_search_terms')
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('term', sql`text collate "C"`, (c) => c.notNull())
      .addPrimaryKeyConstraint('case_search_terms_pkey', ['term', 'case_id'])
      .execute();
    await db.schema.createIndex('case_search_terms_case').on('case_search_terms').column('case_id').execute();

    await db.schema
      .createTable('case_entity_applications')
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('outcome', 'text')
      .addPrimaryKeyConstraint('case_entity_applications_pkey', ['case_id', 'entity_id'])
      .execute();

    await db.schema
      .createTable('case_dispositions')
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('hit_ref', 'text', (c) => c.notNull())
      .addColumn('hit_name', 'text')
      .addColumn('hit_date_of_birth', 'text')
      .addColumn('disposition', 'text', (c) =>
        c.notNull().check(sql`disposition in ('true_match', 'false_positive', 'needs_information')`),
      )
      .addColumn('comment', 'text')
      .addColumn('decided_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
      .addColumn('confirmed', 'boolean', (c) => c.notNull())
      .addColumn('remembered_case_id', 'uuid')
      .addColumn('remembered_by', 'uuid', (c) => c.references('users.id'))
      .addColumn('remembered_at', 'timestamptz')
      .addPrimaryKeyConstraint('case_dispositions_pkey', ['case_id', 'hit_ref'])
      .execute();

    await db.schema
      .createTable('remembered_false_positives')
      .addColumn('subject_key', 'text', (c) => c.notNull())
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('hit_ref', 'text', (c) => c.notNull())
      .addColumn('hit_id', 'text')
      .addColumn('hit_name_key', 'text')
      .addColumn('decided_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('remembered_false_positives_pkey', ['case_id', 'hit_ref'])
      .execute();
    await db.schema
      .createIndex('remembered_false_positives_subject')
      .on('remembered_false_positives')
      .columns(['subject_key', 'hit_id'])
      .execute();
    await db.schema
      .createIndex('remembered_false_positives_name')
      .on('remembered_false_positives')
      .columns(['subject_key', 'hit_name_key'])
      .execute();

    await db.schema
      .createTable('case_notes')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('author_id', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_notes_case')
      .on('case_notes')
      .columns(['case_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('case_decisions')
      .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('outcome', 'text', (c) =>
        c.notNull().check(sql`outcome in ('approve', 'reject', 'escalate', 'request_information')`),
      )
      .addColumn('reason_code', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('decided_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
      .addColumn('stage', 'text', (c) =>
        c.notNull().check(sql`stage in ('single', 'first_of_two', 'second_of_two')`),
      )
      .addColumn('four_eyes_reasons', 'jsonb', (c) => c.notNull())
      .addColumn('view_hash', 'text')
      .addColumn('acknowledged_warnings', 'jsonb', (c) => c.notNull())
      .addColumn('dispositions', 'jsonb', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_decisions_case')
      .on('case_decisions')
      .columns(['case_id', 'decided_at'])
      .execute();

    await db.schema
      .createTable('case_evidence_views')
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('media', 'aml_hit', 'entity_application')`),
      )
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('viewed_by', 'uuid', (c) => c.notNull().references('users.id'))
      .addColumn('viewed_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_evidence_views_pkey', ['case_id', 'kind', 'ref', 'viewed_by'])
      .execute();

    await db.schema
      .createTable('case_view_snapshots')
      .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('view', 'jsonb', (c) => c.notNull())
      .addColumn('captured_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_view_snapshots_pkey', ['case_id', 'hash'])
      .execute();
  },

  // biome-ignore lint/suspicious/noExplicitAny: see up().
  async down(db: Kysely<any>) {
    for (const table of [
      'case_view_snapshots',
      'case_evidence_views',
      'case_decisions',
      'case_notes',
      'remembered_false_positives',
      'case_dispositions',
      'case_entity_applications',
      'case_search_terms',
      'cases',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
