import type {
  Approval,
  CaseView,
  Disposition,
  DispositionRequest,
  EvidenceView,
  EvidenceViewedRequest,
} from '@review-desk/contracts';
import { mediaKinds } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { unmetApprovalConditions } from './approval';
import {
  type ActionContext,
  type Actor,
  actorAudit,
  assertHolder,
  assertVersion,
  audit,
  inTransaction,
  lockCase,
  type StoreCore,
  type StoreTransaction,
  summaryOf,
  systemAudit,
  writeCase,
} from './core';
import {
  type AmlHitEvidence,
  amlHits,
  type EntityApplicationEvidence,
  entityApplications as entityApplicationsFromView,
  warnings,
} from './evidence';
import { fourEyesReasons } from './four-eyes';
import { birthDateKey, nameKey } from './linking';
import type { StoreExecutor } from './rows';
import type { CaseRow } from './schema';

/** AML dispositions (and remembered false positives), evidence the reviewer opened, and what approval needs. */

export const subjectKey = (row: Pick<CaseRow, 'provider' | 'subject_id'>) =>
  `${row.provider}:${row.subject_id}`;

const hitNameKey = (hit: Pick<AmlHitEvidence, 'name' | 'dateOfBirth'>): string | null => {
  const name = nameKey(hit.name);
  const birthDate = birthDateKey(hit.dateOfBirth);
  return name && birthDate ? `${name}|${birthDate}` : null;
};

/** The most recent evidence snapshot of the case: the last verification shown to anyone. */
export async function latestView(db: StoreExecutor, caseId: string): Promise<CaseView | null> {
  const row = await db
    .selectFrom('case_view_snapshots')
    .select('view')
    .where('case_id', '=', caseId)
    .orderBy('captured_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? (row.view as unknown as CaseView) : null;
}

export async function snapshotView(
  db: StoreExecutor,
  caseId: string,
  hash: string,
): Promise<CaseView | null> {
  const row = await db
    .selectFrom('case_view_snapshots')
    .select('view')
    .where('case_id', '=', caseId)
    .where('hash', '=', hash)
    .executeTakeFirst();
  return row ? (row.view as unknown as CaseView) : null;
}

export async function readDispositions(db: StoreExecutor, caseId: string): Promise<Disposition[]> {
  const rows = await db
    .selectFrom('case_dispositions as d')
    .leftJoin('users as decider', 'decider.id', 'd.decided_by')
    .leftJoin('users as rememberer', 'rememberer.id', 'd.remembered_by')
    .selectAll('d')
    .select(['decider.display_name as decider_name', 'rememberer.display_name as rememberer_name'])
    .where('d.case_id', '=', caseId)
    .orderBy('d.hit_ref')
    .execute();
  return rows.map((row) => ({
    hitRef: row.hit_ref,
    hitName: row.hit_name,
    hitDateOfBirth: row.hit_date_of_birth,
    disposition: row.disposition,
    comment: row.comment,
    decidedBy: { id: row.decided_by, displayName: row.decider_name ?? 'Unknown user' },
    decidedAt: row.decided_at.toISOString(),
    confirmed: row.confirmed,
    remembered:
      row.remembered_case_id && row.remembered_by && row.remembered_at
        ? {
            caseId: row.remembered_case_id,
            decidedBy: { id: row.remembered_by, displayName: row.rememberer_name ?? 'Unknown user' },
            decidedAt: row.remembered_at.toISOString(),
          }
        : null,
  }));
}

export async function readEvidenceViews(db: StoreExecutor, caseId: string): Promise<EvidenceView[]> {
  const rows = await db
    .selectFrom('case_evidence_views as e')
    .leftJoin('users as viewer', 'viewer.id', 'e.viewed_by')
    .selectAll('e')
    .select('viewer.display_name as viewer_name')
    .where('e.case_id', '=', caseId)
    .orderBy('e.viewed_at')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    ref: row.ref,
    viewedBy: { id: row.viewed_by, displayName: row.viewer_name ?? 'Unknown user' },
    viewedAt: row.viewed_at.toISOString(),
  }));
}

export async function readEntityApplications(
  db: StoreExecutor,
  caseId: string,
): Promise<EntityApplicationEvidence[]> {
  const rows = await db
    .selectFrom('case_entity_applications')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('entity_id')
    .execute();
  return rows.map((row) => ({
    entityId: row.entity_id,
    role: row.role,
    status: row.status,
    outcome: row.outcome,
  }));
}

export async function replaceEntityApplications(
  trx: StoreTransaction,
  caseId: string,
  applications: readonly EntityApplicationEvidence[],
): Promise<void> {
  await trx.deleteFrom('case_entity_applications').where('case_id', '=', caseId).execute();
  const unique = new Map(applications.map((application) => [application.entityId, application]));
  if (unique.size === 0) return;
  await trx
    .insertInto('case_entity_applications')
    .values(
      [...unique.values()].map((application) => ({
        case_id: caseId,
        entity_id: application.entityId,
        role: application.role,
        status: application.status,
        outcome: application.outcome,
      })),
    )
    .execute();
}

export interface ApprovalInput {
  row: Pick<CaseRow, 'id' | 'triage_score'>;
  view: CaseView | null;
  /** Entity applications to account for; the view's when it has a journey. */
  entityApplications: readonly EntityApplicationEvidence[];
  actor: Actor;
  acknowledgedWarnings?: ReadonlySet<string>;
}

/** What approving the case would need now, for this actor. */
export async function approvalFor(
  db: StoreExecutor,
  core: StoreCore,
  input: ApprovalInput,
): Promise<Approval> {
  const [dispositions, viewed] = await Promise.all([
    db
      .selectFrom('case_dispositions')
      .select(['hit_ref', 'disposition', 'confirmed'])
      .where('case_id', '=', input.row.id)
      .execute(),
    db
      .selectFrom('case_evidence_views')
      .select('ref')
      .where('case_id', '=', input.row.id)
      .where('kind', '=', 'entity_application')
      .where('viewed_by', '=', input.actor.id)
      .execute(),
  ]);
  const hits = amlHits(input.view);
  const warningRefs = warnings(input.view);
  const unmet = unmetApprovalConditions({
    viewLoaded: input.view !== null,
    hits,
    dispositions: dispositions.map((row) => ({
      hitRef: row.hit_ref,
      disposition: row.disposition,
      confirmed: row.confirmed,
    })),
    entityApplications: input.entityApplications,
    viewedEntityApplications: new Set(viewed.map((row) => row.ref)),
    warnings: warningRefs,
    ...(input.acknowledgedWarnings ? { acknowledgedWarnings: input.acknowledgedWarnings } : {}),
  });
  const reasons = fourEyesReasons(core.settings.fourEyes, {
    outcome: 'approve',
    triageScore: input.row.triage_score,
    dispositions: dispositions.map((row) => ({ disposition: row.disposition })),
  });
  return {
    unmet,
    amlHits: hits.map(({ ref, name, dateOfBirth }) => ({ ref, name, dateOfBirth })),
    warnings: warningRefs,
    fourEyes: { required: reasons.length > 0, reasons },
  };
}

/**
 * Marks hits that were judged false positives on an earlier case of the same subject (same hit id, or same
 * name and date of birth), so the reviewer only has to confirm them. Hits that already have a disposition
 * are left alone.
 */
export async function premarkRememberedHits(
  trx: StoreTransaction,
  row: CaseRow,
  view: CaseView | null,
  at: Date,
): Promise<string[]> {
  const hits = amlHits(view);
  if (hits.length === 0) return [];
  const existing = new Set(
    (await trx.selectFrom('case_dispositions').select('hit_ref').where('case_id', '=', row.id).execute()).map(
      (item) => item.hit_ref,
    ),
  );
  const premarked: string[] = [];
  for (const hit of hits) {
    if (existing.has(hit.ref)) continue;
    const nameKeyOfHit = hitNameKey(hit);
    if (hit.hitId === null && nameKeyOfHit === null) continue;
    const remembered = await trx
      .selectFrom('remembered_false_positives')
      .selectAll()
      .where('subject_key', '=', subjectKey(row))
      .where('case_id', '<>', row.id)
      .where((eb) => {
        const matches = [];
        if (hit.hitId !== null) matches.push(eb('hit_id', '=', hit.hitId));
        if (nameKeyOfHit !== null) matches.push(eb('hit_name_key', '=', nameKeyOfHit));
        return eb.or(matches);
      })
      .orderBy('decided_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!remembered) continue;
    await trx
      .insertInto('case_dispositions')
      .values({
        case_id: row.id,
        hit_ref: hit.ref,
        hit_name: hit.name,
        hit_date_of_birth: hit.dateOfBirth,
        disposition: 'false_positive',
        comment: null,
        decided_by: remembered.decided_by,
        decided_at: remembered.decided_at,
        confirmed: false,
        remembered_case_id: remembered.case_id,
        remembered_by: remembered.decided_by,
        remembered_at: remembered.decided_at,
      })
      .execute();
    premarked.push(hit.ref);
  }
  if (premarked.length > 0) {
    await audit(trx, systemAudit({}, 'case.dispositions_premarked', row.id, { hitRefs: premarked }, at));
  }
  return premarked;
}

/** Records the reviewer's disposition of one hit of the latest verification shown (the claim holder only). */
export async function recordDisposition(
  core: StoreCore,
  caseId: string,
  request: DispositionRequest,
  context: ActionContext,
) {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    await assertVersion(trx, row, request.version, now);
    await assertHolder(trx, row, context.actor, now);
    const view = await latestView(trx, row.id);
    if (!view) {
      throw new ApiError(
        409,
        'evidence_unavailable',
        'Open the case first: its verification has not been loaded yet',
      );
    }
    const hit = amlHits(view).find((candidate) => candidate.ref === request.hitRef);
    if (!hit) throw new ApiError(422, 'unknown_hit', `The verification has no AML hit "${request.hitRef}"`);

    const previous = await trx
      .selectFrom('case_dispositions')
      .selectAll()
      .where('case_id', '=', row.id)
      .where('hit_ref', '=', hit.ref)
      .executeTakeFirst();
    // Confirming a remembered false positive keeps where it came from.
    const keepsMemory = previous?.remembered_case_id != null && request.disposition === 'false_positive';
    const values = {
      hit_name: hit.name,
      hit_date_of_birth: hit.dateOfBirth,
      disposition: request.disposition,
      comment: request.comment ?? null,
      decided_by: context.actor.id,
      decided_at: now,
      confirmed: true,
      remembered_case_id: keepsMemory ? (previous?.remembered_case_id ?? null) : null,
      remembered_by: keepsMemory ? (previous?.remembered_by ?? null) : null,
      remembered_at: keepsMemory ? (previous?.remembered_at ?? null) : null,
    };
    await trx
      .insertInto('case_dispositions')
      .values({ case_id: row.id, hit_ref: hit.ref, ...values })
      .onConflict((oc) => oc.columns(['case_id', 'hit_ref']).doUpdateSet(values))
      .execute();

    await trx
      .deleteFrom('remembered_false_positives')
      .where('case_id', '=', row.id)
      .where('hit_ref', '=', hit.ref)
      .execute();
    if (request.disposition === 'false_positive') {
      await trx
        .insertInto('remembered_false_positives')
        .values({
          subject_key: subjectKey(row),
          case_id: row.id,
          hit_ref: hit.ref,
          hit_id: hit.hitId,
          hit_name_key: hitNameKey(hit),
          decided_by: context.actor.id,
          decided_at: now,
        })
        .execute();
    }

    await writeCase(
      trx,
      row,
      {
        claim_expires_at: new Date(now.getTime() + core.settings.claimLeaseMs),
      },
      now,
    );
    await audit(
      trx,
      actorAudit(
        context,
        'case.disposition_recorded',
        row.id,
        {
          hitRef: hit.ref,
          disposition: request.disposition,
          previous: previous?.disposition ?? null,
          confirmedRemembered: keepsMemory,
          version: row.version + 1,
        },
        now,
      ),
    );
    events.add('updated', row.id);

    const dispositions = await readDispositions(trx, row.id);
    const disposition = dispositions.find((item) => item.hitRef === hit.ref);
    if (!disposition) throw new Error('disposition vanished inside its own transaction');
    const approval = await approvalFor(trx, core, {
      row,
      view,
      entityApplications: applicationsOf(view, await readEntityApplications(trx, row.id)),
      actor: context.actor,
    });
    return { case: await summaryOf(trx, row.id, now), disposition, approval };
  });
}

/** Records that the actor opened a piece of evidence; renews their claim, changes nothing else. */
export async function recordEvidenceView(
  core: StoreCore,
  caseId: string,
  request: EvidenceViewedRequest,
  context: ActionContext,
) {
  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const row = await lockCase(trx, caseId);
    const view = await latestView(trx, row.id);
    const applications = applicationsOf(view, await readEntityApplications(trx, row.id));
    const known =
      request.kind === 'media'
        ? (mediaKinds as readonly string[]).includes(request.ref)
        : request.kind === 'aml_hit'
          ? amlHits(view).some((hit) => hit.ref === request.ref)
          : applications.some((application) => application.entityId === request.ref);
    if (!known) {
      throw new ApiError(
        422,
        'unknown_evidence',
        `The case has no ${request.kind.replace('_', ' ')} "${request.ref}"`,
      );
    }
    await trx
      .insertInto('case_evidence_views')
      .values({
        case_id: row.id,
        kind: request.kind,
        ref: request.ref,
        viewed_by: context.actor.id,
        viewed_at: now,
      })
      .onConflict((oc) => oc.columns(['case_id', 'kind', 'ref', 'viewed_by']).doUpdateSet({ viewed_at: now }))
      .execute();
    if (row.assignee_id === context.actor.id) {
      await trx
        .updateTable('cases')
        .set({ claim_expires_at: new Date(now.getTime() + core.settings.claimLeaseMs) })
        .where('id', '=', row.id)
        .execute();
    }
    await audit(
      trx,
      actorAudit(context, 'case.evidence_viewed', row.id, { kind: request.kind, ref: request.ref }, now),
    );
    return {
      evidenceViewed: await readEvidenceViews(trx, row.id),
      approval: await approvalFor(trx, core, {
        row,
        view,
        entityApplications: applications,
        actor: context.actor,
      }),
    };
  });
}

/** The view's entity applications when it has a journey, else those the case stored. */
export function applicationsOf(
  view: CaseView | null,
  stored: readonly EntityApplicationEvidence[],
): readonly EntityApplicationEvidence[] {
  return view?.journey.provided ? entityApplicationsFromView(view) : stored;
}
