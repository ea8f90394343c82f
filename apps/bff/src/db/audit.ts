import { hash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditEventRow, DB, Json, JsonObject } from './schema';

/**
 * The audit trail is a hash chain: each row stores the hash of its predecessor (`prev_hash`) and its own
 * `hash` = sha256(canonical JSON of its content and prev_hash). Positions (`id`) run 1, 2, 3… without gaps,
 * so a removed, altered or reordered row shows up as a break that `verifyAuditChain` can name.
 */

export interface AuditEvent {
  actorUserId: string | null;
  actorUsername: string;
  /** What happened, dotted: `auth.login`, `auth.login_failed`, `case.claimed`… */
  action: string;
  caseId?: string | null;
  /** The person or entity the action concerns, as the case refers to it. */
  subjectRef?: string | null;
  details?: JsonObject;
  requestId?: string | null;
  at?: Date;
}

export const genesisHash = '0'.repeat(64);

// One key for the whole cluster: appenders queue on it so two transactions never chain onto the same row.
const auditAppendLock = 0x7265_7669_6577;

/**
 * Appends one event inside the caller's transaction, so it commits or rolls back with the change it records.
 * Concurrent appenders wait for each other on a transaction-level advisory lock (released at commit).
 * Run it in a READ COMMITTED transaction (the default): the read of the chain's head must see the appends
 * committed while this one waited; the primary key on the position turns any slip into an error, not a fork.
 */
export async function appendAudit<T extends DB>(
  transaction: Transaction<T>,
  event: AuditEvent,
): Promise<AuditEventRow> {
  const [row] = await appendAuditEvents(transaction, [event]);
  if (!row) throw new Error('the audit append wrote no row');
  return row;
}

/** Appends several events, in order, with one wait for the lock and one insert (webhook bursts). */
export async function appendAuditEvents<T extends DB>(
  transaction: Transaction<T>,
  events: readonly AuditEvent[],
): Promise<AuditEventRow[]> {
  if (events.length === 0) return [];
  // Callers may work with more tables than DB names (DB & their own); only audit_events is touched here.
  const trx = transaction as unknown as Transaction<DB>;
  await lockAuditTrail.execute(trx);
  const rows = chainAuditEvents(await readAuditHead(trx), events);
  await insertAuditRows(rows).execute(trx);
  return rows;
}

/**
 * Appends several events on an engine with a single session (embedded PGlite), holding that session so no other
 * statement runs between the head's read and the insert: two statements instead of five (no BEGIN, advisory
 * lock or COMMIT). The advisory lock orders the appends of several connections, and there are none to order;
 * the insert is one statement, so its rows commit together or not at all. Never use it on PostgreSQL.
 */
export async function appendAuditEventsInOneSession(
  db: Kysely<DB>,
  events: readonly AuditEvent[],
): Promise<AuditEventRow[]> {
  if (events.length === 0) return [];
  return db.connection().execute(async (session) => {
    const rows = chainAuditEvents(await readAuditHead(session), events);
    await insertAuditRows(rows).execute(session);
    return rows;
  });
}

/**
 * The wait for the right to append, as a statement; a caller that takes it inside a statement of its own (one
 * round trip less) selects from it. Held until the transaction ends. Whatever reads the chain's head must run
 * in a later statement than this wait, so that its snapshot sees the appends committed while it waited.
 */
export const lockAuditTrail = sql<{
  locked: unknown;
}>`select pg_advisory_xact_lock(${auditAppendLock}::bigint) as locked`;

/** The last row of the chain (undefined while the chain is empty); read it after `lockAuditTrail`. */
export const readAuditHead = (db: Kysely<DB>): Promise<AuditHead | undefined> =>
  db.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();

export interface AuditHead {
  id: number;
  hash: string;
}

/** The rows that append `events`, in order, to a chain ending at `head` (undefined: the chain is empty). */
export function chainAuditEvents(
  head: AuditHead | undefined,
  events: readonly AuditEvent[],
): AuditEventRow[] {
  let previous = { id: head?.id ?? 0, hash: head?.hash ?? genesisHash };
  return events.map((event): AuditEventRow => {
    const content: Omit<AuditEventRow, 'hash'> = {
      id: previous.id + 1,
      at: event.at ?? new Date(),
      actor_user_id: event.actorUserId,
      actor_username: event.actorUsername,
      action: event.action,
      case_id: event.caseId ?? null,
      subject_ref: event.subjectRef ?? null,
      details: asStoredJson(event.details ?? {}),
      request_id: event.requestId ?? null,
      prev_hash: previous.hash,
    };
    const row = { ...content, hash: hashOf(content) };
    previous = row;
    return row;
  });
}

/**
 * The insert of chained rows, as one statement that may follow a `with` clause of the caller's. One parameter,
 * the rows as a JSON array, rather than eleven per row: the database reads a batch of read rows about twice as
 * fast this way (most on embedded PGlite, where the insert runs on the BFF's own thread).
 */
export const insertAuditRows = (rows: readonly AuditEventRow[]) => sql`
  insert into audit_events (id, at, actor_user_id, actor_username, action, case_id, subject_ref, details,
                            request_id, prev_hash, hash)
  select id, at, actor_user_id, actor_username, action, case_id, subject_ref, details, request_id, prev_hash,
         hash
  from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as row (
    id bigint, at timestamptz, actor_user_id uuid, actor_username text, action text, case_id text,
    subject_ref text, details jsonb, request_id text, prev_hash text, hash text
  )
`;

export type AuditChainReport =
  | { ok: true; count: number }
  | {
      ok: false;
      /**
       * The first row that does not verify. For 'removed', the row right after the gap; for 'altered', the
       * row whose content no longer matches (or was rewritten along with its hash); for 'reordered', the first
       * row out of place.
       */
      firstBadId: number;
      reason: 'altered' | 'removed' | 'reordered';
      /** Rows verified good before the break. */
      verified: number;
      message: string;
    };

const pageSize = 500;

/** Re-computes the whole chain, oldest first, and reports the first break. */
export async function verifyAuditChain<T extends DB>(database: Kysely<T>): Promise<AuditChainReport> {
  const db = database as unknown as Kysely<DB>;
  let previous: { id: number; hash: string } | null = null;
  let verified = 0;

  for (;;) {
    const page: AuditEventRow[] = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', previous?.id ?? 0)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (page.length === 0) return { ok: true, count: verified };

    for (const row of page) {
      const expectedId: number = (previous?.id ?? 0) + 1;
      if (row.prev_hash !== (previous?.hash ?? genesisHash)) {
        if (await chainsOntoLaterRow(db, row)) {
          return broken(
            row.id,
            'reordered',
            verified,
            `row ${row.id} follows a row that sits later in the chain`,
          );
        }
        if (row.id !== expectedId || previous === null) {
          return broken(row.id, 'removed', verified, `the row(s) before row ${row.id} are missing`);
        }
        // The predecessor is in place but no longer has the hash this row chained onto: it was rewritten,
        // hash and all.
        return broken(previous.id, 'altered', verified - 1, `row ${previous.id} was rewritten`);
      }
      if (row.id !== expectedId) {
        return broken(row.id, 'removed', verified, `the row(s) before row ${row.id} are missing`);
      }
      if (hashOf(row) !== row.hash) {
        return broken(row.id, 'altered', verified, `row ${row.id} does not match its hash`);
      }
      previous = { id: row.id, hash: row.hash };
      verified++;
    }
  }
}

function broken(
  firstBadId: number,
  reason: 'altered' | 'removed' | 'reordered',
  verified: number,
  message: string,
): AuditChainReport {
  return { ok: false, firstBadId, reason, verified, message };
}

async function chainsOntoLaterRow(db: Kysely<DB>, row: AuditEventRow): Promise<boolean> {
  const later = await db
    .selectFrom('audit_events')
    .select('id')
    .where('hash', '=', row.prev_hash)
    .where('id', '>', row.id)
    .executeTakeFirst();
  return later !== undefined;
}

/** sha256 over the canonical JSON of everything in the row but its own hash. */
function hashOf(row: Omit<AuditEventRow, 'hash'>): string {
  return hash('sha256', canonicalRowJson(row));
}

/**
 * canonicalJson of a row's content ({id, at, actorUserId, …, prevHash}), written out in its sorted key order:
 * every read of personal data appends a row, so this skips building and sorting an object per row.
 */
export function canonicalRowJson(row: Omit<AuditEventRow, 'hash'>): string {
  const text = JSON.stringify;
  return (
    `{"action":${text(row.action)},"actorUserId":${text(row.actor_user_id)},` +
    `"actorUsername":${text(row.actor_username)},"at":${text(row.at.toISOString())},` +
    `"caseId":${text(row.case_id)},"details":${canonicalJson(row.details)},"id":${text(row.id)},` +
    `"prevHash":${text(row.prev_hash)},"requestId":${text(row.request_id)},"subjectRef":${text(row.subject_ref)}}`
  );
}

/** The object as it reads back from jsonb (undefined dropped, dates as strings), so the hash matches later. */
function asStoredJson(details: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(details)) as JsonObject;
}

/** JSON with object keys sorted at every level, so jsonb's own key order doesn't change the hash. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as Json)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
