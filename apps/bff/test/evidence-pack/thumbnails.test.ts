import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app';
import { THUMBNAIL_PIXELS } from '../../src/evidence-pack/thumbnail';
import { signIn, type TestSession } from '../auth/app';
import { engines } from '../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../helpers/sandbox';
import { pdfImageCount, pdfImageSizes, pdfText } from './pdf-tools';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

let harness: SandboxHarness;
let app: App;
let senior: TestSession;
/** Capa's media host stops serving the files (a retention policy, a deleted user). */
let mediaGone = false;

beforeAll(async () => {
  harness = await startSandboxHarness();
  const upstreams = harness.upstreams({
    timeouts: { connectMs: 5_000, headersMs: 20_000, bodyMs: 20_000, deadlineMs: 30_000 },
    retry: { retries: 2 },
  });
  const media = upstreams.media;
  app = await buildApp(await harness.config(engine), {
    quiet: true,
    upstreams: {
      ...upstreams,
      media: {
        fetch: (url, options) =>
          mediaGone
            ? Promise.resolve({ statusCode: 404, headers: {}, body: Readable.from([]) })
            : media.fetch(url, options),
        close: () => media.close(),
      },
    },
  });
  senior = await signIn(app, 'senior', 'senior-demo');
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
    headers: { cookie: senior.cookie, 'x-csrf-token': senior.csrfToken },
    ...(payload ? { payload } : {}),
  });

describe('the evidence pack against the sandbox', () => {
  it('embeds the ID images and the selfie of the snapshot a reviewer saw', async () => {
    const subject = await harness.scenario('capa', ['capa', 'individual', 'review_needed'], ['partial']);
    const opened = await call('POST', '/api/cases', { provider: 'capa', subjectId: subject.id });
    expect([200, 201]).toContain(opened.statusCode);
    const caseId = opened.json().case.id as string;
    const detail = await call('GET', `/api/cases/${caseId}`);
    expect(detail.statusCode).toBe(200);

    const pack = await call('GET', `/api/cases/${caseId}/evidence-pack.pdf`);
    expect(pack.statusCode).toBe(200);
    expect(await pdfImageCount(pack.rawPayload)).toBe(3);
    // Downscaled before embedding: no image is larger than the thumbnail box, and the pack stays small.
    for (const size of await pdfImageSizes(pack.rawPayload)) {
      expect(size.width).toBeLessThanOrEqual(THUMBNAIL_PIXELS.width);
      expect(size.height).toBeLessThanOrEqual(THUMBNAIL_PIXELS.height);
    }
    expect(pack.rawPayload.length).toBeLessThan(1024 * 1024);
    const text = await pdfText(pack.rawPayload);
    expect(text).toContain('As shown with this snapshot (downscaled).');
    expect(text).toContain(detail.json().viewHash);
  });

  it('marks each image not available when Capa no longer serves it, and still gives the pack', async () => {
    const subject = await harness.scenario('capa', ['capa', 'individual', 'review_needed'], ['partial']);
    const opened = await call('POST', '/api/cases', { provider: 'capa', subjectId: subject.id });
    const caseId = opened.json().case.id as string;
    expect((await call('GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    mediaGone = true;
    try {
      const pack = await call('GET', `/api/cases/${caseId}/evidence-pack.pdf`);
      expect(pack.statusCode).toBe(200);
      expect(await pdfImageCount(pack.rawPayload)).toBe(0);
      const text = await pdfText(pack.rawPayload);
      expect(text.match(/Not available any more at Capa/g)).toHaveLength(3);
    } finally {
      mediaGone = false;
    }
  });

  it('shows no image, and says why, when no evidence snapshot was stored', async () => {
    const subject = await harness.scenario('capa', ['capa', 'individual', 'review_needed'], ['partial']);
    const opened = await call('POST', '/api/cases', { provider: 'capa', subjectId: subject.id });
    const caseId = opened.json().case.id as string;
    // Opening a case by hand stores no snapshot of its own; make sure none exists.
    await app.db
      .withTables<{ case_view_snapshots: { case_id: string } }>()
      .deleteFrom('case_view_snapshots')
      .where('case_id', '=', caseId)
      .execute();
    const pack = await call('GET', `/api/cases/${caseId}/evidence-pack.pdf`);
    expect(pack.statusCode).toBe(200);
    expect(await pdfImageCount(pack.rawPayload)).toBe(0);
    expect(await pdfText(pack.rawPayload)).toContain('No evidence snapshot was stored for this case.');
  });
});
