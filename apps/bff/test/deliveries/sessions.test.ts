import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseTables } from '../../src/cases/schema';
import type { DeliveryTables } from '../../src/deliveries/schema';
import { sha256Hex } from '../../src/deliveries/signatures';
import { signIn } from '../auth/app';
import { describeEachEngine } from '../helpers/db';
import {
  capaBody,
  capaSignature,
  type DeliveryHarness,
  deliveryHarness,
  directoryInputs,
  type ScenarioRow,
  sandboxPost,
  scenarios,
} from './harness';

describeEachEngine('a case follows the provider sessions', (engine) => {
  let h: DeliveryHarness;
  let subject: ScenarioRow;
  let headers: Record<string, string>;
  const db = () => h.app.db.withTables<CaseTables & DeliveryTables>();
  const casesOf = (subjectId: string) =>
    db()
      .selectFrom('cases')
      .select(['id', 'state', 'verification_id', 'superseded_by', 'version'])
      .where('provider', '=', 'capa')
      .where('subject_id', '=', subjectId)
      .orderBy('created_at')
      .execute();
  const reviewBody = () => capaBody('REVIEW_NEEDED_KYC', subject.externalUserId ?? '');
  /** Completes a new Capa session for the subject and delivers what Capa sends: the same body every time. */
  const completeSession = async () => {
    const response = await sandboxPost(h.sandbox.capaUrl, `/_sandbox/capa/users/${subject.id}/complete`, {
      result: 'REVIEW_NEEDED',
    });
    const body = reviewBody();
    const delivered = await h.app.inject({
      method: 'POST',
      url: '/webhooks/capa',
      headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
      payload: body,
    });
    expect(delivered.statusCode).toBe(200);
    await h.app.deliveries.worker.idle();
    return (response as { data: { verificationSessionId: string } }).data.verificationSessionId;
  };

  beforeAll(async () => {
    h = await deliveryHarness(engine);
    await h.app.deliveries.directory.upsert(await directoryInputs(h.sandbox));
    const rows = await scenarios(h.sandbox.capaUrl, 'review_needed');
    const found = rows.find((row) => row.status === 'REVIEW_NEEDED' && row.externalUserId);
    if (!found) throw new Error('no REVIEW_NEEDED user with an externalUserId');
    subject = found;
    const session = await signIn(h.app, 'analyst', 'analyst-demo');
    headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  });
  afterAll(() => h.close());

  it('reads the provider again for an identical delivery once the first was read, and supersedes the older case', async () => {
    const first = await completeSession();
    const [older] = await casesOf(subject.id);
    expect(older).toMatchObject({ verification_id: first, state: 'open' });
    if (!older) throw new Error('no case');
    const note = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${older.id}/notes`,
      headers,
      payload: { version: older.version, text: 'Called the customer about the first session' },
    });
    expect(note.statusCode).toBe(200);

    const second = await completeSession();
    expect(second).not.toBe(first);
    // The same body both times: one stored delivery, read twice.
    const body = reviewBody();
    const stored = await db()
      .selectFrom('deliveries')
      .select(['status', 'attempts'])
      .where('content_hash', '=', sha256Hex(body))
      .execute();
    expect(stored).toEqual([{ status: 'processed', attempts: 1 }]);

    const cases = await casesOf(subject.id);
    const live = cases.filter((row) => row.state !== 'superseded' && row.state !== 'resolved');
    expect(live).toHaveLength(1);
    expect(live[0]?.verification_id).toBe(second);
    expect(cases.find((row) => row.id === older.id)).toMatchObject({
      state: 'superseded',
      superseded_by: live[0]?.id,
    });
    const audited = await db()
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('case_id', '=', older.id)
      .where('action', '=', 'case.superseded')
      .execute();
    expect(audited).toHaveLength(1);

    // The successor shows what was written on the older session.
    const detail = await h.app.inject({ method: 'GET', url: `/api/cases/${live[0]?.id}`, headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().earlierSessions).toMatchObject([
      {
        caseId: older.id,
        verificationId: first,
        notes: [{ text: 'Called the customer about the first session' }],
      },
    ]);
    const superseded = await h.app.inject({ method: 'GET', url: `/api/cases/${older.id}`, headers });
    expect(superseded.json().case).toMatchObject({ state: 'superseded', supersededBy: live[0]?.id });
  });

  it('refuses writes to a superseded case with 409 case_superseded', async () => {
    const older = (await casesOf(subject.id)).find((row) => row.state === 'superseded');
    if (!older) throw new Error('no superseded case');
    for (const url of [`/api/cases/${older.id}/claim`, `/api/cases/${older.id}/notes`]) {
      const payload = url.endsWith('notes')
        ? { version: older.version, text: 'late' }
        : { version: older.version };
      const response = await h.app.inject({ method: 'POST', url, headers, payload });
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'case_superseded' });
    }
  });

  it('lets the database hold only one live case per subject and provider', async () => {
    const older = (await casesOf(subject.id)).find((row) => row.state === 'superseded');
    if (!older) throw new Error('no superseded case');
    await expect(
      db()
        .updateTable('cases')
        .set({ state: 'open', superseded_by: null })
        .where('id', '=', older.id)
        .execute(),
    ).rejects.toThrow(/cases_one_live_per_subject|unique/);
  });
});
