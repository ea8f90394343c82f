// Documents for connectFi from the desk, against the sandbox: the WaitReview path (pending_step_up, front and
// back uploaded through the desk, attached, journey in waiting_review, case back in the queue with no manual
// step) for a customer and for a business representative; bad input refused before connectFi is called;
// connectFi's documented errors as typed errors; a failed step retried without a second generate.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseTables } from '../../../../src/cases/schema';
import { signIn, type TestSession } from '../../../auth/app';
import { type DeliveryHarness, deliveryHarness } from '../../../deliveries/harness';
import { describeEachEngine } from '../../../helpers/db';
import { jpegBytes, multipart, onboard, pngBytes, settled } from './documents-harness';

describeEachEngine('case documents (connectFi)', (engine) => {
  let h: DeliveryHarness;
  let analyst: TestSession;
  let support: TestSession;
  const headers = (session: TestSession) => ({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });
  const db = () => h.app.db.withTables<CaseTables>();
  const documentsAtConnectfi = () => h.sandbox.connectfi.store.documents.size;

  beforeAll(async () => {
    h = await deliveryHarness(engine);
    analyst = await signIn(h.app, 'analyst', 'analyst-demo');
    support = await signIn(h.app, 'support', 'support-demo');
  });
  afterAll(() => h.close());

  async function openCase(customerId: string): Promise<{ id: string; version: number }> {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: headers(analyst),
      payload: { provider: 'connectfi', subjectId: customerId },
    });
    expect(response.statusCode).toBeLessThan(300);
    return response.json().case;
  }

  const upload = (
    caseId: string,
    fields: Record<string, string>,
    file?: Parameters<typeof multipart>[1],
    as = analyst,
  ) => {
    const body = multipart(fields, file);
    return h.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/documents`,
      headers: { ...headers(as), ...body.headers },
      payload: body.payload,
    });
  };
  const licence = (entityId: string, view: 'front' | 'back') => ({
    entityId,
    workflow: 'PERSONAL',
    type: 'license',
    view,
    note: `${view} of the driving licence`,
  });
  const currentVersion = async (caseId: string) =>
    (await db().selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow())
      .version;

  async function waitReviewPath(kind: 'individual' | 'business') {
    const { customerId, entityId } = await onboard(h, kind);
    await settled(h);
    const opened = await openCase(customerId);

    const front = await upload(opened.id, licence(entityId, 'front'), { bytes: pngBytes, name: 'front.png' });
    expect(front.statusCode).toBe(200);
    expect(front.json()).toMatchObject({
      documentId: expect.stringMatching(/^doc_/),
      uploadStatus: true,
      document: { entityId, view: 'front', type: 'license', format: 'png', status: 'uploaded' },
    });
    // Declared a PNG, named .png: the bytes say JPEG, and JPEG is what the desk records.
    const back = await upload(opened.id, licence(entityId, 'back'), { bytes: jpegBytes, name: 'back.png' });
    expect(back.statusCode).toBe(200);
    expect(back.json().document.format).toBe('jpeg');

    const attach = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/documents/attach`,
      headers: headers(analyst),
      payload: {
        version: await currentVersion(opened.id),
        entityId,
        documents: [
          { documentId: front.json().documentId, view: 'front' },
          { documentId: back.json().documentId, view: 'back' },
        ],
      },
    });
    expect(attach.statusCode).toBe(200);
    expect(attach.json().journey).toEqual({ status: 'waiting_review', outcome: null });
    expect(attach.json().documents.map((d: { status: string }) => d.status)).toEqual([
      'attached',
      'attached',
    ]);

    // No manual step: connectFi's callback reaches the desk, which reads the journey again.
    await settled(h);
    const row = await db()
      .selectFrom('cases')
      .select(['state', 'upstream_status'])
      .where('id', '=', opened.id)
      .executeTakeFirstOrThrow();
    expect(row.upstream_status).toBe('waiting_review');
    expect(['open', 'reopened']).toContain(row.state);
    const queue = await h.app.inject({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent(customerId)}`,
      headers: headers(analyst),
    });
    expect(queue.json().items.map((c: { id: string }) => c.id)).toContain(opened.id);

    const timeline = await h.app.inject({
      method: 'GET',
      url: `/api/cases/${opened.id}`,
      headers: headers(analyst),
    });
    const entries: { action: string; actor: { username: string } }[] = timeline.json().timeline;
    const documentSteps = entries.filter((e) => /^case\.documents?_/.test(e.action));
    expect(documentSteps.map((e) => e.action).sort()).toEqual([
      'case.document_generated',
      'case.document_generated',
      'case.document_uploaded',
      'case.document_uploaded',
      'case.documents_attached',
    ]);
    // Each step on the timeline names who did it.
    expect(new Set(documentSteps.map((e) => e.actor.username))).toEqual(new Set(['analyst']));
    const list = await h.app.inject({
      method: 'GET',
      url: `/api/cases/${opened.id}/documents`,
      headers: headers(analyst),
    });
    expect(list.json().documents).toHaveLength(2);
    expect(list.json().documents[0]).toMatchObject({ uploadedBy: { displayName: expect.any(String) } });
    return { caseId: opened.id, customerId, entityId };
  }

  it('drives the WaitReview path for a customer through the desk', async () => {
    await waitReviewPath('individual');
  });

  it('drives the WaitReview path for a business representative through the desk', async () => {
    await waitReviewPath('business');
  });

  describe('bad input is refused and nothing reaches connectFi', () => {
    let caseId: string;
    let entityId: string;
    beforeAll(async () => {
      const onboarded = await onboard(h, 'individual');
      entityId = onboarded.entityId;
      caseId = (await openCase(onboarded.customerId)).id;
    });

    it.each([
      ['an empty file', { bytes: Buffer.alloc(0) }, 400, 'empty_file'],
      [
        'a text file named .png',
        { bytes: Buffer.from('hello, not an image'), name: 'x.png' },
        415,
        'unsupported_file_type',
      ],
      [
        'a PDF, which connectFi does not take',
        { bytes: Buffer.from('%PDF-1.7\n%...'), name: 'x.pdf', type: 'application/pdf' },
        415,
        'unsupported_file_type',
      ],
      [
        'a file over 10 MB',
        { bytes: Buffer.concat([pngBytes, Buffer.alloc(10 * 1024 * 1024)]) },
        413,
        'file_too_large',
      ],
    ])('%s', async (_label, file, status, code) => {
      const before = documentsAtConnectfi();
      const response = await upload(caseId, licence(entityId, 'front'), file);
      expect(response.statusCode).toBe(status);
      expect(response.json().error.code).toBe(code);
      expect(documentsAtConnectfi()).toBe(before);
    });

    it('a missing file, a wrong entity, an unknown type, a NUL byte', async () => {
      const before = documentsAtConnectfi();
      const cases: [Record<string, string>, Parameters<typeof multipart>[1], number, string][] = [
        [licence(entityId, 'front'), undefined, 400, 'invalid_request'],
        [licence('cstap_someoneelse', 'front'), { bytes: pngBytes }, 422, 'unknown_entity'],
        [
          { ...licence(entityId, 'front'), type: 'library_card' },
          { bytes: pngBytes },
          400,
          'invalid_request',
        ],
        [{ ...licence(entityId, 'front'), note: 'a\u0000b' }, { bytes: pngBytes }, 400, 'invalid_request'],
      ];
      for (const [fields, file, status, code] of cases) {
        const response = await upload(caseId, fields, file);
        expect(response.statusCode).toBe(status);
        expect(response.json().error.code).toBe(code);
      }
      expect(documentsAtConnectfi()).toBe(before);
    });

    it('two files in one request: 400, not a bare 413', async () => {
      const before = documentsAtConnectfi();
      const form = new FormData();
      for (const [name, value] of Object.entries(licence(entityId, 'front'))) form.append(name, value);
      form.append('file', new Blob([pngBytes]), 'a.png');
      form.append('file', new Blob([jpegBytes]), 'b.jpg');
      const body = new Request('http://desk.test/', { method: 'POST', body: form });
      const response = await h.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents`,
        headers: { ...headers(analyst), 'content-type': body.headers.get('content-type') ?? '' },
        payload: Buffer.from(await body.arrayBuffer()),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'invalid_request',
        message: expect.stringMatching(/one file/),
      });
      expect(documentsAtConnectfi()).toBe(before);
    });

    it('the same file twice is refused the second time', async () => {
      const first = await upload(caseId, licence(entityId, 'back'), { bytes: pngBytes });
      expect(first.statusCode).toBe(200);
      const before = documentsAtConnectfi();
      const again = await upload(caseId, licence(entityId, 'back'), { bytes: pngBytes });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('document_already_uploaded');
      expect(documentsAtConnectfi()).toBe(before);
    });

    it('support may read the list but not upload', async () => {
      const response = await upload(caseId, licence(entityId, 'front'), { bytes: pngBytes }, support);
      expect(response.statusCode).toBe(403);
      const list = await h.app.inject({
        method: 'GET',
        url: `/api/cases/${caseId}/documents`,
        headers: headers(support),
      });
      expect(list.statusCode).toBe(200);
    });

    it('attach refuses unknown documents and a stale version before calling connectFi', async () => {
      const version = await currentVersion(caseId);
      const unknown = await h.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents/attach`,
        headers: headers(analyst),
        payload: { version, entityId, documents: [{ documentId: 'doc_unknown', view: 'front' }] },
      });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error.code).toBe('unknown_document');
      const stale = await h.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/documents/attach`,
        headers: headers(analyst),
        payload: {
          version: version + 5,
          entityId,
          documents: [{ documentId: 'doc_unknown', view: 'front' }],
        },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
    });
  });

  it('retries a failed upload with the document id connectFi already gave, never generating twice', async () => {
    const { customerId, entityId } = await onboard(h, 'individual');
    const opened = await openCase(customerId);
    const real = h.app.upstreams.connectfi;
    let generated = 0;
    let failUpload = true;
    const flaky = {
      generateDocument: (input: Parameters<typeof real.generateDocument>[0]) => {
        generated += 1;
        return real.generateDocument(input);
      },
      uploadDocument: async (...args: Parameters<typeof real.uploadDocument>) => {
        if (failUpload) {
          failUpload = false;
          // The upload reached connectFi, but its answer was lost on the way back.
          await real.uploadDocument(...args);
          throw new Error('socket hang up');
        }
        return real.uploadDocument(...args);
      },
      updateDocuments: real.updateDocuments,
    };
    const context = { actor: { id: '', username: 'analyst', role: 'analyst' as const }, requestId: 'test' };
    const user = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'analyst')
      .executeTakeFirstOrThrow();
    context.actor.id = user.id;
    const input = {
      entityId,
      workflow: 'PERSONAL' as const,
      type: 'license',
      view: 'front' as const,
      note: null,
      file: { bytes: pngBytes, fileName: 'front.png', format: 'png' as const, sha256: 'a'.repeat(64) },
    };
    await expect(h.app.cases.store.uploadDocument(opened.id, input, context, flaky)).rejects.toThrow();
    const [failed] = (await h.app.cases.store.listDocuments(opened.id)).documents;
    expect(failed).toMatchObject({ status: 'generated', lastError: expect.stringContaining('upload') });

    const retried = await h.app.cases.store.uploadDocument(opened.id, input, context, flaky);
    expect(generated).toBe(1);
    expect(retried).toMatchObject({
      documentId: failed?.documentId,
      uploadStatus: true,
      document: { status: 'uploaded' },
    });
  });

  it("maps connectFi's identificationNotFound on attach to no_journey", async () => {
    const { customerId, entityId } = await onboard(h, 'individual');
    const opened = await openCase(customerId);
    const uploaded = await upload(opened.id, licence(entityId, 'front'), { bytes: pngBytes });
    // connectFi forgets the journey (the sandbox's store stands in for connectFi's side).
    h.sandbox.connectfi.store.journeys.delete(customerId);
    const attach = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/documents/attach`,
      headers: headers(analyst),
      payload: {
        version: await currentVersion(opened.id),
        entityId,
        documents: [{ documentId: uploaded.json().documentId, view: 'front' }],
      },
    });
    expect(attach.statusCode).toBe(409);
    expect(attach.json().error.code).toBe('no_journey');
  });

  it("maps connectFi's documentNotFound on attach to connectfi_document_not_found, audited", async () => {
    const { customerId, entityId } = await onboard(h, 'individual');
    const opened = await openCase(customerId);
    const uploaded = await upload(opened.id, licence(entityId, 'front'), { bytes: pngBytes });
    expect(uploaded.statusCode).toBe(200);
    // connectFi loses the document (the sandbox's store stands in for connectFi's side).
    h.sandbox.connectfi.store.documents.delete(uploaded.json().documentId);
    const attach = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/documents/attach`,
      headers: headers(analyst),
      payload: {
        version: await currentVersion(opened.id),
        entityId,
        documents: [{ documentId: uploaded.json().documentId, view: 'front' }],
      },
    });
    expect(attach.statusCode).toBe(409);
    expect(attach.json().error.code).toBe('connectfi_document_not_found');
    const failed = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('case_id', '=', opened.id)
      .where('action', '=', 'case.documents_attach_failed')
      .executeTakeFirstOrThrow();
    expect(failed.details).toMatchObject({ reason: expect.stringContaining('connectfi_document_not_found') });
  });

  it('an upload whose document connectFi lost answers connectfi_document_not_found; the next one generates anew', async () => {
    const { customerId, entityId } = await onboard(h, 'individual');
    const opened = await openCase(customerId);
    const real = h.app.upstreams.connectfi;
    const generated: string[] = [];
    let lose = true;
    const losing = {
      generateDocument: async (input: Parameters<typeof real.generateDocument>[0]) => {
        const answer = await real.generateDocument(input);
        generated.push((answer as { id: string }).id);
        return answer;
      },
      uploadDocument: async (...args: Parameters<typeof real.uploadDocument>) => {
        if (lose) {
          lose = false;
          h.sandbox.connectfi.store.documents.delete(args[0]);
        }
        return real.uploadDocument(...args);
      },
      updateDocuments: real.updateDocuments,
    };
    const user = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'analyst')
      .executeTakeFirstOrThrow();
    const context = {
      actor: { id: user.id, username: 'analyst', role: 'analyst' as const },
      requestId: 'test',
    };
    const input = {
      entityId,
      workflow: 'PERSONAL' as const,
      type: 'license',
      view: 'back' as const,
      note: null,
      file: { bytes: jpegBytes, fileName: 'back.jpg', format: 'jpeg' as const, sha256: 'b'.repeat(64) },
    };
    await expect(h.app.cases.store.uploadDocument(opened.id, input, context, losing)).rejects.toMatchObject({
      code: 'connectfi_document_not_found',
    });
    const retried = await h.app.cases.store.uploadDocument(opened.id, input, context, losing);
    expect(generated).toHaveLength(2);
    expect(retried.documentId).toBe(generated[1]);
    expect(retried.document.status).toBe('uploaded');
  });
});
