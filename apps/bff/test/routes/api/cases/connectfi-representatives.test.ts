// A connectFi business through the desk against the sandbox: each representative the journey lists (by the id
// the partner gave, or the cstar_ id connectFi generated) is what approval asks to open, and opening every
// representative the case page shows (its review view served) clears the condition.
import type { CaseDetail } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../../../../src/app';
import { signIn, type TestSession } from '../../../auth/app';
import { describeEachEngine } from '../../../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../../../helpers/sandbox';

describeEachEngine('connectFi business representatives', (engine) => {
  let harness: SandboxHarness;
  let app: App;
  let analyst: TestSession;

  beforeAll(async () => {
    harness = await startSandboxHarness();
    app = await buildApp(await harness.config(engine), { quiet: true });
    analyst = await signIn(app, 'analyst', 'analyst-demo');
  });
  afterAll(async () => {
    await app?.close();
    await harness?.close();
    await engine.dispose();
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
      ...(payload === undefined ? {} : { payload }),
    });

  const unviewed = (approval: CaseDetail['approval']) =>
    approval.unmet.filter((item) => item.code === 'representative_unviewed').map((item) => item.ref);

  it('asks to open the representatives the journey shows, and is satisfied once each is opened', async () => {
    const subject = await harness.scenario('connectfi', ['business', 'waiting_review', 'representatives:2']);
    const opened = await call('POST', '/api/cases', { provider: 'connectfi', subjectId: subject.id });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().case.id as string;

    const detail = (await call('GET', `/api/cases/${caseId}`)).json() as CaseDetail;
    const journey = detail.view?.journey;
    if (!journey?.provided) throw new Error('the business has no journey in its view');
    const shown = journey.entityApplications
      .filter((entity) => entity.role === 'business_representative')
      .map((entity) => entity.entityId ?? '');
    expect(shown).toHaveLength(2);
    // The same ids wherever the case reads them: the live journey, the stored applications, the approval.
    expect(unviewed(detail.approval).sort()).toEqual([...shown].sort());
    expect(
      detail.entityApplications
        .filter((entity) => entity.role === 'business_representative')
        .map((entity) => entity.entityId)
        .sort(),
    ).toEqual([...shown].sort());

    const [first, second] = shown;
    const afterFirst = await call('GET', `/api/cases/${caseId}/representatives/${first}`);
    expect(afterFirst.statusCode).toBe(200);
    expect(unviewed(afterFirst.json().approval)).toEqual([second]);
    const afterSecond = await call('GET', `/api/cases/${caseId}/representatives/${second}`);
    expect(unviewed(afterSecond.json().approval)).toEqual([]);

    const reread = (await call('GET', `/api/cases/${caseId}`)).json() as CaseDetail;
    expect(unviewed(reread.approval)).toEqual([]);
    expect(
      reread.entityApplications
        .filter((entity) => entity.role === 'business_representative')
        .every((entity) => entity.viewed),
    ).toBe(true);
  });
});
