import { randomUUID } from 'node:crypto';
import type { CaseSummary } from '@review-desk/contracts';
import type { AuditEvent } from '../db/audit';
import {
  type ActionContext,
  actorAudit,
  audit,
  inTransaction,
  lockCase,
  lockCaseRow,
  type PendingEvents,
  type StoreCore,
  type StoreTransaction,
  type SystemContext,
  summaryOf,
  systemAudit,
  writeCase,
} from './core';
import { premarkRememberedHits } from './dispositions';
import { readEntityApplications, replaceEntityApplications } from './entity-applications';
import type { CaseInput } from './intake';
import { linkingKeys, searchTerms } from './linking';
import type { CaseOrigin, CaseRow } from './schema';
import { assertTransition } from './states';
import { findLiveCase, supersedeLiveCases } from './supersede';
import { computeTriage } from './triage';

/** Opening cases from the provider feed or by hand, following upstream status changes, closing on upstream resolution. */

export interface OpenOrUpdateResult {
  /** The case; null when the provider does not ask for review and there was no case. */
  case: CaseSummary | null;
  created: boolean;
  /** Whether anything about an existing case changed. */
  changed: boolean;
}

const verificationKey = (input: CaseInput) => input.verificationId ?? '';

function subjectColumns(input: CaseInput) {
  const capa = input.provider === 'capa';
  return {
    subject_type: input.subjectType,
    capa_user_id: capa ? input.subjectId : null,
    external_user_id: input.externalUserId,
    connectfi_customer_id: capa ? null : input.subjectId,
    connectfi_application_id: capa ? null : input.verificationId,
    display_name: input.displayName,
    birth_date: input.birthDate,
    id_number: input.idNumber,
    tax_id: input.taxId,
    country: input.country,
    nationality: input.nationality,
    hit_types: JSON.stringify(input.hitTypes),
    ...linkingKeys(input),
  };
}

const entityIdsOf = (applications: readonly { entityId: string }[]) =>
  [...new Set(applications.map((application) => application.entityId))].sort();

/**
 * The words a search finds the case by: the name, and every id the organisation may hold: the case id, the
 * provider's subject id, the session or application id, Capa's externalUserId, and the entity ids of a
 * connectFi journey (its business representatives).
 */
async function writeSearchTerms(
  trx: StoreTransaction,
  row: CaseRow,
  entityIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom('case_search_terms').where('case_id', '=', row.id).execute();
  const terms = searchTerms(
    row.display_name,
    [row.id, row.subject_id, row.verification_id, row.external_user_id, ...entityIds],
    [row.id_number, row.tax_id],
  );
  if (terms.length === 0) return;
  await trx
    .insertInto('case_search_terms')
    .values(terms.map((term) => ({ case_id: row.id, term })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function findByKey(trx: StoreTransaction, input: CaseInput): Promise<CaseRow | undefined> {
  return trx
    .selectFrom('cases')
    .selectAll()
    .where('provider', '=', input.provider)
    .where('subject_id', '=', input.subjectId)
    .where('verification_id', '=', verificationKey(input))
    .forUpdate()
    .executeTakeFirst();
}

/** Inserts the case unless a concurrent writer got there first; returns the new row, or null. */
async function insertCase(
  core: StoreCore,
  trx: StoreTransaction,
  input: CaseInput,
  origin: CaseOrigin,
  now: Date,
  id?: string,
): Promise<CaseRow | null> {
  const triage = computeTriage(input.view);
  // connectFi's clock: the first time the desk saw the journey in review, now at the latest.
  const since = input.providerSince !== null && input.providerSince < now ? input.providerSince : now;
  const row = await trx
    .insertInto('cases')
    .values({
      ...(id ? { id } : {}),
      provider: input.provider,
      subject_id: input.subjectId,
      verification_id: verificationKey(input),
      ...subjectColumns(input),
      upstream_status: input.upstreamStatus,
      state: 'open',
      resolution: null,
      origin,
      assignee_id: null,
      claim_expires_at: null,
      first_reviewer_id: null,
      triage_score: triage.score,
      triage_factors: JSON.stringify(triage.factors),
      // The SLA runs on the provider's clock: from when the subject started waiting, not from intake.
      provider_since: since,
      sla_due_at: new Date(since.getTime() + core.settings.slaMs),
      version: 1,
      created_at: now,
      updated_at: now,
      resolved_at: null,
    })
    .onConflict((oc) => oc.constraint('cases_verification_key').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return null;
  await writeSearchTerms(trx, row, entityIdsOf(input.entityApplications));
  await replaceEntityApplications(trx, row.id, input.entityApplications);
  await premarkRememberedHits(trx, row, input.view, now);
  return row;
}

function openedAudit(row: CaseRow, input: CaseInput) {
  return {
    provider: row.provider,
    origin: row.origin,
    upstreamStatus: row.upstream_status,
    triageScore: row.triage_score,
    hasView: input.view !== null,
  };
}

/** Brings an existing case up to date with the provider; reopens it when the provider asks for review again. */
async function updateFromUpstream(
  core: StoreCore,
  trx: StoreTransaction,
  events: PendingEvents,
  row: CaseRow,
  input: CaseInput,
  auditFor: (action: string, details: Record<string, string | number | boolean | null>) => AuditEvent,
): Promise<boolean> {
  const now = core.clock();
  if (row.state === 'superseded') return false;
  const statusChanged = row.upstream_status !== input.upstreamStatus;
  // A provider that still says "review needed" about a case decided here is not news; a change of status is.
  const reopen =
    input.reviewNeeded && statusChanged && (row.state === 'resolved' || row.state === 'info_requested');
  if (reopen) assertTransition('upstream_review_needed', row.state, 'reopened');

  // A read that does not name the externalUserId (a reconciliation) keeps the one a webhook named.
  const subject = {
    ...subjectColumns(input),
    external_user_id: input.externalUserId ?? row.external_user_id,
  };
  const triage = input.view && row.state !== 'resolved' ? computeTriage(input.view) : null;
  const subjectChanged = (Object.keys(subject) as (keyof typeof subject)[]).some((key) =>
    // hit_types is written as JSON and read back parsed.
    key === 'hit_types' ? subject.hit_types !== JSON.stringify(row.hit_types) : subject[key] !== row[key],
  );
  const triageChanged =
    triage !== null && JSON.stringify(triage.factors) !== JSON.stringify(row.triage_factors);
  const storedEntityIds = entityIdsOf(await readEntityApplications(trx, row.id));
  const entityIds = input.view ? entityIdsOf(input.entityApplications) : storedEntityIds;
  if (input.view) await replaceEntityApplications(trx, row.id, input.entityApplications);
  const entitiesChanged = entityIds.join() !== storedEntityIds.join();
  if (entitiesChanged && !subjectChanged) await writeSearchTerms(trx, row, entityIds);
  const premarked = await premarkRememberedHits(trx, row, input.view, now);
  if (!statusChanged && !subjectChanged && !triageChanged && premarked.length === 0) return false;

  const updated = await trx
    .updateTable('cases')
    .set({
      ...subject,
      upstream_status: input.upstreamStatus,
      ...(triage ? { triage_score: triage.score, triage_factors: JSON.stringify(triage.factors) } : {}),
      ...(reopen
        ? {
            state: 'reopened' as const,
            resolution: null,
            resolved_at: null,
            assignee_id: null,
            claim_expires_at: null,
            first_reviewer_id: null,
            sla_due_at: new Date(now.getTime() + core.settings.slaMs),
          }
        : {}),
      version: row.version + 1,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (subjectChanged) await writeSearchTerms(trx, updated, entityIds);
  await audit(
    trx,
    auditFor('case.upstream_updated', {
      fromStatus: row.upstream_status,
      toStatus: input.upstreamStatus,
      reopened: reopen,
      triageScore: updated.triage_score,
      version: updated.version,
    }),
  );
  events.add('updated', row.id);
  return true;
}

/**
 * The entry point for provider views, idempotent on (provider, subject id, verification id): creates the case when the
 * provider says review is needed, and otherwise records what changed upstream.
 */
export function openOrUpdateCase(
  core: StoreCore,
  input: CaseInput,
  context: SystemContext = {},
): Promise<OpenOrUpdateResult> {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    let row = await findByKey(trx, input);
    if (!row) {
      if (!input.reviewNeeded) return { case: null, created: false, changed: false };
      // A newer session of the subject: the live case of the older one gives way to it (one live case per
      // subject and provider, which the database enforces with a partial unique index).
      const id = randomUUID();
      const superseded = await supersedeLiveCases(trx, input.provider, input.subjectId, id, context, now);
      const created = await insertCase(core, trx, input, 'upstream', now, id);
      if (created) {
        await audit(
          trx,
          systemAudit(
            context,
            'case.opened',
            created.id,
            { ...openedAudit(created, input), supersedes: superseded.join(',') || null },
            now,
          ),
        );
        events.add('created', created.id);
        for (const old of superseded) events.add('updated', old);
        return { case: await summaryOf(trx, created.id, now), created: true, changed: true };
      }
      row = await findByKey(trx, input);
      if (!row) throw new Error('case neither inserted nor found');
    }
    const existing = row;
    const changed = await updateFromUpstream(core, trx, events, existing, input, (action, details) =>
      systemAudit(context, action, existing.id, details, now),
    );
    return { case: await summaryOf(trx, existing.id, now), created: false, changed };
  });
}

/** Closes a case the provider resolved on its own ("resolved upstream"); a no-op on a resolved case. */
export function closeResolvedUpstream(
  core: StoreCore,
  caseId: string,
  reason: string,
  context: SystemContext = {},
): Promise<{ case: CaseSummary; changed: boolean }> {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCaseRow(trx, caseId);
    if (row.state === 'resolved' || row.state === 'superseded') {
      return { case: await summaryOf(trx, row.id, now), changed: false };
    }
    assertTransition('upstream_resolved', row.state, 'resolved');
    await writeCase(
      trx,
      row,
      {
        state: 'resolved',
        resolution: 'resolved_upstream',
        resolved_at: now,
        assignee_id: null,
        claim_expires_at: null,
        first_reviewer_id: null,
      },
      now,
    );
    await audit(
      trx,
      systemAudit(
        context,
        'case.resolved_upstream',
        row.id,
        { from: row.state, reason, version: row.version + 1 },
        now,
      ),
    );
    events.add('updated', row.id);
    return { case: await summaryOf(trx, row.id, now), changed: true };
  });
}

/**
 * A case opened by a person (support or a reviewer), whatever the provider says. An existing case for the
 * same verification is returned instead, reopened if it was resolved; so is the subject's live case at the
 * provider, since there is only ever one.
 */
export function openCaseByHand(
  core: StoreCore,
  input: CaseInput,
  context: ActionContext,
): Promise<{ case: CaseSummary; created: boolean }> {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const live = await findLiveCase(trx, input.provider, input.subjectId);
    if (live) return { case: await summaryOf(trx, live.id, now), created: false };
    let row = await findByKey(trx, input);
    if (!row) {
      const created = await insertCase(core, trx, input, 'by_hand', now);
      if (created) {
        await audit(trx, actorAudit(context, 'case.opened', created.id, openedAudit(created, input), now));
        events.add('created', created.id);
        return { case: await summaryOf(trx, created.id, now), created: true };
      }
      row = await findByKey(trx, input);
      if (!row) throw new Error('case neither inserted nor found');
    }
    if (row.state === 'resolved') {
      const locked = await lockCase(trx, row.id);
      assertTransition('reopen', locked.state, 'reopened');
      await trx
        .updateTable('cases')
        .set({
          state: 'reopened',
          resolution: null,
          resolved_at: null,
          sla_due_at: new Date(now.getTime() + core.settings.slaMs),
          version: locked.version + 1,
          updated_at: now,
        })
        .where('id', '=', locked.id)
        .execute();
      await audit(
        trx,
        actorAudit(
          context,
          'case.reopened',
          locked.id,
          { from: locked.state, version: locked.version + 1 },
          now,
        ),
      );
      events.add('updated', locked.id);
    }
    return { case: await summaryOf(trx, row.id, now), created: false };
  });
}
