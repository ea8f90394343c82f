import type {
  AuditEntry,
  CaseSummary,
  CaseView,
  Decision,
  Disposition,
  EvidenceView,
} from '@review-desk/contracts';
import { maskIdNumber } from '../normalise/mask';
import { maskedView } from '../subjects/pii';
import { toAuditEntry } from './audit-entries';
import {
  type ActionContext,
  actorAudit,
  audit,
  inTransaction,
  isUuid,
  type StoreCore,
  summaryOf,
} from './core';
import { readDecisions } from './decide';
import { readDispositions, readEntityApplications, readEvidenceViews } from './diligence';
import { caseNotFound } from './errors';
import type { EntityApplicationEvidence } from './evidence';

/** An audit row with the hashes that chain it, as the pack prints them. */
export interface ChainedAuditEntry extends AuditEntry {
  hash: string;
  prevHash: string;
}

/** Everything the evidence pack says about a case, read in one transaction with the export's audit rows. */
export interface EvidencePackContent {
  case: CaseSummary;
  /** Identifiers as the pack prints them: masked unless an unmasked export was asked for. */
  subject: { birthDate: string | null; idNumber: string | null; taxId: string | null; masked: boolean };
  /** The evidence snapshot the pack describes, masked like `subject`; null when none was ever stored. */
  view: CaseView | null;
  viewHash: string | null;
  viewCapturedAt: string | null;
  /** Whether `view` is the snapshot the last decision named, or the latest shown (no decision names one). */
  viewSource: 'decision' | 'latest' | null;
  decisions: Decision[];
  dispositions: Disposition[];
  evidenceViewed: EvidenceView[];
  entityApplications: EntityApplicationEvidence[];
  /** The case's audit rows, oldest first (the export's own rows last). */
  timeline: ChainedAuditEntry[];
  /** Rows left out at the start of a very long timeline. */
  timelineOmitted: number;
  final: boolean;
  exportedAt: string;
  exportedBy: { username: string; role: string };
}

/** A timeline longer than this keeps its newest rows (the pack states how many it left out). */
const TIMELINE_LIMIT = 400;

const mask = (value: string | null) => (value === null ? null : maskIdNumber(value));

/**
 * Reads what the evidence pack holds and records the export (`case.evidence_pack_exported`, plus
 * `case.evidence_pack_unmasked` when identifiers go out in full) in the same transaction, so the pack lists
 * its own audit rows and their hashes.
 */
export function evidencePackContent(
  core: StoreCore,
  caseId: string,
  context: ActionContext,
  options: { unmasked: boolean },
): Promise<EvidencePackContent> {
  if (!isUuid(caseId)) throw caseNotFound();
  return inTransaction(core, async (trx) => {
    const now = core.clock();
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!row) throw caseNotFound();
    const decisions = await readDecisions(trx, row.id);
    const named = [...decisions].reverse().find((decision) => decision.viewHash !== null)?.viewHash ?? null;
    let snapshot = named
      ? await trx
          .selectFrom('case_view_snapshots')
          .select(['hash', 'view', 'captured_at'])
          .where('case_id', '=', row.id)
          .where('hash', '=', named)
          .executeTakeFirst()
      : undefined;
    const viewSource = snapshot ? 'decision' : null;
    snapshot ??= await trx
      .selectFrom('case_view_snapshots')
      .select(['hash', 'view', 'captured_at'])
      .where('case_id', '=', row.id)
      .orderBy('captured_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const final = row.state === 'resolved';

    const details = {
      unmasked: options.unmasked,
      final,
      state: row.state,
      viewHash: snapshot?.hash ?? null,
    };
    await audit(trx, actorAudit(context, 'case.evidence_pack_exported', row.id, details, now));
    if (options.unmasked) {
      await audit(
        trx,
        actorAudit(context, 'case.evidence_pack_unmasked', row.id, { fields: ['idNumber', 'taxId'] }, now),
      );
    }

    const [summary, dispositions, evidenceViewed, entityApplications, newest, count] = await Promise.all([
      summaryOf(trx, row.id, now),
      readDispositions(trx, row.id),
      readEvidenceViews(trx, row.id),
      readEntityApplications(trx, row.id),
      trx
        .selectFrom('audit_events')
        .selectAll()
        .where('case_id', '=', row.id)
        .orderBy('id', 'desc')
        .limit(TIMELINE_LIMIT)
        .execute(),
      trx
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('case_id', '=', row.id)
        .executeTakeFirstOrThrow(),
    ]);
    const view = snapshot ? (snapshot.view as unknown as CaseView) : null;
    return {
      case: summary,
      subject: {
        birthDate: row.birth_date,
        idNumber: options.unmasked ? row.id_number : mask(row.id_number),
        taxId: options.unmasked ? row.tax_id : mask(row.tax_id),
        masked: !options.unmasked,
      },
      view: view && !options.unmasked ? maskedView(view) : view,
      viewHash: snapshot?.hash ?? null,
      viewCapturedAt: snapshot?.captured_at.toISOString() ?? null,
      viewSource: snapshot ? (viewSource ?? 'latest') : null,
      decisions,
      dispositions,
      evidenceViewed,
      entityApplications,
      timeline: newest.reverse().map((entry) => ({
        ...toAuditEntry(entry),
        hash: entry.hash,
        prevHash: entry.prev_hash,
      })),
      timelineOmitted: Math.max(0, Number(count.count) - newest.length),
      final,
      exportedAt: now.toISOString(),
      exportedBy: { username: context.actor.username, role: context.actor.role },
    };
  });
}
