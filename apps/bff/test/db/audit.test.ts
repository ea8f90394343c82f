import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditEvent,
  appendAudit,
  canonicalJson,
  canonicalRowJson,
  genesisHash,
  verifyAuditChain,
} from '../../src/db/audit';
import type { Database } from '../../src/db/database';
import type { DB } from '../../src/db/schema';
import { describeEachEngine } from '../helpers/db';

const event = (n: number): AuditEvent => ({
  actorUserId: null,
  actorUsername: `analyst-${n}`,
  action: 'case.note_added',
  caseId: `capa:${n}`,
  subjectRef: n % 2 ? `subject-${n}` : null,
  details: { n, note: `note ${n}`, nested: { z: 1, a: [true, null, 'ü'] } },
  requestId: `req-${n}`,
});

async function appendEvents(db: Kysely<DB>, count: number) {
  for (let n = 1; n <= count; n++) await db.transaction().execute((trx) => appendAudit(trx, event(n)));
}

/** Tampering needs the append-only trigger out of the way, as it would for anyone rewriting history. */
async function tamper(db: Kysely<DB>, statements: ReturnType<typeof sql>[]) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger audit_events_append_only`.execute(trx);
    for (const statement of statements) await statement.execute(trx);
    await sql`alter table audit_events enable trigger audit_events_append_only`.execute(trx);
  });
}

describeEachEngine('audit trail', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.migrated();
  });
  // One database per engine keeps the suite fast; each test starts from an empty trail.
  beforeEach(() => tamper(database.db, [sql`delete from audit_events`]));

  it('chains each event onto the previous one and verifies', async () => {
    const { db } = database;
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 0 });
    await appendEvents(db, 5);

    const rows = await db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe(genesisHash);
    expect(rows[3]?.prev_hash).toBe(rows[2]?.hash);
    expect(rows[0]?.details).toEqual(event(1).details);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 5 });
  });

  it('rolls back with the transaction it was written in', async () => {
    const { db } = database;
    await appendEvents(db, 1);
    await expect(
      db.transaction().execute(async (trx) => {
        await appendAudit(trx, event(2));
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    await appendEvents(db, 1);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 2 });
  });

  it('refuses updates and deletes of audit rows in the database itself', async () => {
    const { db } = database;
    await appendEvents(db, 2);
    await expect(sql`update audit_events set action = 'x' where id = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events where id = 2`.execute(db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 2 });
  });

  it('names a row whose details were altered', async () => {
    const { db } = database;
    await appendEvents(db, 6);
    await tamper(db, [
      sql`update audit_events set details = '{"n": 4, "note": "nothing to see"}' where id = 4`,
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadId: 4,
      reason: 'altered',
      verified: 3,
    });
  });

  it('names a row that was rewritten together with its hash', async () => {
    const { db } = database;
    await appendEvents(db, 6);
    await tamper(db, [
      sql`update audit_events set action = 'case.approved', hash = repeat('a', 64) where id = 2`,
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 2, reason: 'altered' });
  });

  it('names the row after a removed middle row', async () => {
    const { db } = database;
    await appendEvents(db, 6);
    await tamper(db, [sql`delete from audit_events where id = 3`]);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadId: 4,
      reason: 'removed',
      verified: 2,
    });
  });

  it('notices that the first row was removed', async () => {
    const { db } = database;
    await appendEvents(db, 3);
    await tamper(db, [sql`delete from audit_events where id = 1`]);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadId: 2,
      reason: 'removed',
      verified: 0,
    });
  });

  it('names the first of two rows whose positions were swapped', async () => {
    const { db } = database;
    await appendEvents(db, 6);
    await tamper(db, [
      sql`update audit_events set id = 1000 where id = 3`,
      sql`update audit_events set id = 3 where id = 4`,
      sql`update audit_events set id = 4 where id = 1000`,
    ]);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadId: 3,
      reason: 'reordered',
      verified: 2,
    });
  });

  it('keeps one valid chain under 20 concurrent appends', async () => {
    const { db } = database;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => db.transaction().execute((trx) => appendAudit(trx, event(i + 1)))),
    );
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 20 });
    const actors = await db.selectFrom('audit_events').select('actor_username').execute();
    expect(new Set(actors.map((row) => row.actor_username)).size).toBe(20);
  });
});

describe('the text each audit row is hashed from', () => {
  it('is the canonical JSON of its content, keys sorted, whatever the values', () => {
    const text = fc.option(fc.string(), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          id: fc.nat(),
          at: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
          actor_user_id: text,
          actor_username: fc.string(),
          action: fc.string(),
          case_id: text,
          subject_ref: text,
          details: fc.dictionary(fc.string(), fc.jsonValue()),
          request_id: text,
          prev_hash: fc.string(),
        }),
        (row) => {
          const details = JSON.parse(JSON.stringify(row.details));
          const content = {
            id: row.id,
            at: row.at.toISOString(),
            actorUserId: row.actor_user_id,
            actorUsername: row.actor_username,
            action: row.action,
            caseId: row.case_id,
            subjectRef: row.subject_ref,
            details,
            requestId: row.request_id,
            prevHash: row.prev_hash,
          };
          expect(canonicalRowJson({ ...row, details })).toBe(canonicalJson(content));
        },
      ),
    );
  });
});
