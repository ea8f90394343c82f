import type { CaseEvent, CaseEventType, CaseSummary, FourEyesPolicy, Role } from '@review-desk/contracts';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { type AuditEvent, appendAudit } from '../db/audit';
import type { DB, JsonObject } from '../db/schema';
import { caseNotFound, caseSuperseded, claimedByOther, notClaimed, versionConflict } from './errors';
import { type SummaryRow, selectSummaries, toSummary } from './rows';
import type { CaseRow, CasesTable, StoreDB } from './schema';

/** A signed-in staff member acting on cases. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
}

export interface ActionContext {
  actor: Actor;
  requestId: string | null;
}

/** Who the audit trail names for changes that come from the providers rather than from a person. */
export interface SystemContext {
  actorUsername?: string;
  requestId?: string | null;
}

export interface StoreSettings {
  fourEyes: FourEyesPolicy;
  claimLeaseMs: number;
  slaMs: number;
}

/** What every store module shares: the database, the clock, the settings and where case events go. */
export interface StoreCore {
  db: Kysely<StoreDB>;
  clock: () => Date;
  publish: (event: CaseEvent) => void;
  settings: StoreSettings;
}

export type StoreTransaction = Transaction<StoreDB>;

/** Case events raised inside a transaction, published only once it has committed. */
export class PendingEvents {
  readonly #events: { type: CaseEventType; caseId: string }[] = [];

  add(type: CaseEventType, caseId: string): void {
    this.#events.push({ type, caseId });
  }

  get list(): ReadonlyArray<{ type: CaseEventType; caseId: string }> {
    return this.#events;
  }
}

export async function inTransaction<T>(
  core: StoreCore,
  work: (trx: StoreTransaction, events: PendingEvents) => Promise<T>,
): Promise<T> {
  const events = new PendingEvents();
  const result = await core.db.transaction().execute((trx) => work(trx, events));
  if (events.list.length > 0) {
    const summaries = await readSummaries(
      core.db,
      [...new Set(events.list.map((event) => event.caseId))],
      core.clock(),
    );
    for (const event of events.list) {
      const summary = summaries.get(event.caseId);
      if (summary)
        core.publish({ type: event.type, caseId: summary.id, version: summary.version, case: summary });
    }
  }
  return result;
}

export async function readSummaries(
  db: Kysely<StoreDB> | StoreTransaction,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, CaseSummary>> {
  if (ids.length === 0) return new Map();
  const rows: SummaryRow[] = await selectSummaries(db).where('cases.id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, toSummary(row, now)]));
}

export async function summaryOf(
  db: Kysely<StoreDB> | StoreTransaction,
  id: string,
  now: Date,
): Promise<CaseSummary> {
  const row = await selectSummaries(db).where('cases.id', '=', id).executeTakeFirst();
  if (!row) throw caseNotFound();
  return toSummary(row, now);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => uuidPattern.test(value);

/** The case row, whatever its state, locked until the transaction ends; 404 when there is none. */
export async function lockCaseRow(trx: StoreTransaction, id: string): Promise<CaseRow> {
  if (!isUuid(id)) throw caseNotFound();
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw caseNotFound();
  return row;
}

/**
 * The case row for a write, locked until the transaction ends; 404 when there is none, 409 `case_superseded`
 * when a newer session replaced it (a final state: the work goes on in the successor).
 */
export async function lockCase(trx: StoreTransaction, id: string, now = new Date()): Promise<CaseRow> {
  const row = await lockCaseRow(trx, id);
  if (row.state === 'superseded') throw caseSuperseded(await summaryOf(trx, row.id, now));
  return row;
}

/** Writes a change to a locked case row; every such write bumps the version that stale writers are refused on. */
export async function writeCase(
  trx: StoreTransaction,
  row: CaseRow,
  changes: Omit<Updateable<CasesTable>, 'version' | 'updated_at'>,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ ...changes, version: row.version + 1, updated_at: now })
    .where('id', '=', row.id)
    .execute();
}

export async function assertVersion(
  trx: StoreTransaction,
  row: CaseRow,
  version: number,
  now: Date,
): Promise<void> {
  if (row.version !== version) throw versionConflict(await summaryOf(trx, row.id, now));
}

/** When a claim renewed now lapses: every activity of the holder extends it by the lease. */
export const extendClaimLease = (core: StoreCore, now: Date): Date =>
  new Date(now.getTime() + core.settings.claimLeaseMs);

/**
 * A read by the claim's holder counts as activity: it renews the claim without a new version, since the case
 * itself did not change. Reads by anyone else leave the claim alone.
 */
export async function renewClaimOnRead(
  core: StoreCore,
  trx: StoreTransaction,
  row: Pick<CaseRow, 'id' | 'assignee_id'>,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (row.assignee_id !== actor.id) return;
  await trx
    .updateTable('cases')
    .set({ claim_expires_at: extendClaimLease(core, now) })
    .where('id', '=', row.id)
    .execute();
}

export const leaseActive = (row: Pick<CaseRow, 'claim_expires_at'>, now: Date): boolean =>
  row.claim_expires_at !== null && row.claim_expires_at.getTime() > now.getTime();

/**
 * The actor holds the claim. A lapsed claim still counts while nobody else has taken it: activity renews it.
 */
export async function assertHolder(
  trx: StoreTransaction,
  row: CaseRow,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (row.assignee_id === actor.id) return;
  const current = await summaryOf(trx, row.id, now);
  if (row.assignee_id !== null && leaseActive(row, now)) throw claimedByOther(current);
  throw notClaimed(current);
}

/**
 * Appends to the audit trail inside the case transaction. The audit functions are typed for the tables they
 * know; the case tables only add to the same database, so the transaction is the same one.
 */
export function audit(trx: StoreTransaction, event: AuditEvent) {
  return appendAudit(trx as unknown as Transaction<DB>, event);
}

export function actorAudit(
  context: ActionContext,
  action: string,
  caseId: string | null,
  details: JsonObject,
  at: Date,
  /** The person concerned (`provider:id`), on reads of their data. */
  subjectRef: string | null = null,
): AuditEvent {
  return {
    actorUserId: context.actor.id,
    actorUsername: context.actor.username,
    action,
    caseId,
    subjectRef,
    details,
    requestId: context.requestId,
    at,
  };
}

export function systemAudit(
  context: SystemContext,
  action: string,
  caseId: string,
  details: JsonObject,
  at: Date,
): AuditEvent {
  return {
    actorUserId: null,
    actorUsername: context.actorUsername ?? 'system',
    action,
    caseId,
    details,
    requestId: context.requestId ?? null,
    at,
  };
}
