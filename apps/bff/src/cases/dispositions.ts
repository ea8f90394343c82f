import type { CaseView, Disposition, DispositionRequest } from '@review-desk/contracts';
import { checkDisposition } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { approvalFor } from './approval';
import {
  type ActionContext,
  actorAudit,
  assertHolder,
  assertVersion,
  audit,
  extendClaimLease,
  inTransaction,
  lockCase,
  type StoreCore,
  type StoreTransaction,
  summaryOf,
  systemAudit,
  writeCase,
} from './core';
import { applicationsOf, readEntityApplications } from './entity-applications';
import { type AmlHitEvidence, amlHits } from './evidence';
import { birthDateKey, nameKey } from './linking';
import type { StoreExecutor } from './rows';
import type { CaseRow } from './schema';
import { latestView } from './snapshots';

/** AML hit dispositions, and false positives remembered for the same subject. */

export const subjectKey = (row: Pick<CaseRow, 'provider' | 'subject_id'>) =>
  `${row.provider}:${row.subject_id}`;

const hitNameKey = (hit: Pick<AmlHitEvidence, 'name' | 'dateOfBirth'>): string | null => {
  const name = nameKey(hit.name);
  const birthDate = birthDateKey(hit.dateOfBirth);
  return name && birthDate ? `${name}|${birthDate}` : null;
};

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
    const refused = checkDisposition(hit.listTypes, request.disposition, request.comment);
    if (refused)
      throw new ApiError(refused.status, refused.code, refused.message, { listTypes: hit.listTypes });

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
      comment: request.comment?.trim() || null,
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
        claim_expires_at: extendClaimLease(core, now),
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
