import { sql } from 'kysely';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { type AuditEvent, appendAudit, verifyAuditChain } from '../../src/db/audit';
import type { Database } from '../../src/db/database';
import { ReadAuditWriter } from '../../src/db/read-audit';
import { describeEachEngine } from '../helpers/db';

const read = (n: number): AuditEvent => ({
  actorUserId: null,
  actorUsername: 'analyst',
  action: 'subject.viewed',
  subjectRef: `capa:user-${n}`,
  caseId: null,
  requestId: `req-${n}`,
});

const quiet = { error: () => {} };

describeEachEngine('batched read audit', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.migrated();
  });
  beforeEach(async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(trx);
      await sql`delete from audit_events`.execute(trx);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(trx);
    });
  });

  const rows = () => database.db.selectFrom('audit_events').selectAll().orderBy('id').execute();
  // An interval no test run reaches: only flush and close write. On PGlite, as the BFF runs it: in one session.
  const writer = () => new ReadAuditWriter(database.db, quiet, 3_600_000, 500, engine.name === 'pglite');

  it('holds read rows until the batch is written, then chains them in order, each naming its subject', async () => {
    const reads = writer();
    for (let n = 1; n <= 3; n++) reads.record(read(n));
    expect(reads.pending).toBe(3);
    expect(await rows()).toEqual([]);

    await reads.flush();
    const written = await rows();
    expect(written.map((row) => [row.id, row.action, row.subject_ref])).toEqual([
      [1, 'subject.viewed', 'capa:user-1'],
      [2, 'subject.viewed', 'capa:user-2'],
      [3, 'subject.viewed', 'capa:user-3'],
    ]);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, count: 3 });
    await reads.close();
  });

  it('writes what is still queued when it is closed, so a graceful shutdown loses no row', async () => {
    const reads = writer();
    for (let n = 1; n <= 1_200; n++) reads.record(read(n));
    await reads.close();
    expect(reads.pending).toBe(0);
    expect((await rows()).map((row) => row.subject_ref)).toEqual(
      Array.from({ length: 1_200 }, (_, index) => `capa:user-${index + 1}`),
    );
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, count: 1_200 });
  });

  it('keeps one chain when other appends run while a batch of reads is written', async () => {
    const reads = writer();
    for (let n = 1; n <= 50; n++) reads.record(read(n));
    const decisions = Array.from({ length: 5 }, (_, n) =>
      database.db
        .transaction()
        .execute((trx) => appendAudit(trx, { ...read(100 + n), action: 'case.decided' })),
    );
    await Promise.all([reads.flush(), ...decisions]);
    const written = await rows();
    expect(written.filter((row) => row.action === 'subject.viewed')).toHaveLength(50);
    expect(written.filter((row) => row.action === 'case.decided')).toHaveLength(5);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, count: 55 });
    await reads.close();
  });

  it('covers the subject in the hash: a row whose subject is changed no longer verifies', async () => {
    const reads = writer();
    reads.record(read(1));
    reads.record(read(2));
    await reads.close();
    await database.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_append_only`.execute(trx);
      await sql`update audit_events set subject_ref = 'capa:someone-else' where id = 2`.execute(trx);
      await sql`alter table audit_events enable trigger audit_events_append_only`.execute(trx);
    });
    expect(await verifyAuditChain(database.db)).toMatchObject({
      ok: false,
      firstBadId: 2,
      reason: 'altered',
    });
  });
});
