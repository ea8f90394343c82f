import type { CaseDocument, CaseSummary, Role } from '@review-desk/contracts';
import { bareView } from '@review-desk/contracts/testing';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '@/testing/fake-event-source';
import { caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const customerId = 'cst_dana';
const summary = (overrides: Partial<CaseSummary> = {}) =>
  caseSummary({
    provider: 'connectfi',
    subjectId: customerId,
    subjectType: 'business',
    upstreamStatus: 'pending_step_up',
    ...overrides,
  });
const caseId = summary().id;
const casePath = `/api/cases/${caseId}`;

const document = (overrides: Partial<CaseDocument> = {}): CaseDocument => ({
  id: '00000000-0000-4000-8000-000000000001',
  documentId: 'doc_front',
  entityId: 'RepDana',
  workflow: 'PERSONAL',
  type: 'license',
  view: 'front',
  note: null,
  fileName: 'front.png',
  format: 'png',
  sizeBytes: 4,
  sha256: 'a'.repeat(64),
  status: 'uploaded',
  lastError: null,
  uploadedBy: { id: 'user-analyst', displayName: 'Demo analyst' },
  createdAt: '2026-11-01T09:00:00.000Z',
  uploadedAt: '2026-11-01T09:00:01.000Z',
  attachedAt: null,
  ...overrides,
});

/** Stands in for XMLHttpRequest: records each upload and lets the test report progress and answer it. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  url = '';
  headers = new Map<string, string>();
  body: FormData | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers.set(name, value);
  }
  getResponseHeader() {
    return null;
  }
  abort() {}
  send(body: FormData) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function backend(role: Role, documents: CaseDocument[] = [], overrides: Partial<CaseSummary> = {}) {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const detail = caseDetail({
    case: summary(overrides),
    view: bareView('connectfi'),
    entityApplications: [
      {
        entityId: customerId,
        role: 'business_customer',
        status: 'completed',
        outcome: 'approved',
        viewed: false,
      },
      {
        entityId: 'RepDana',
        role: 'business_representative',
        status: 'pending_step_up',
        outcome: null,
        viewed: false,
      },
    ],
  });
  const state = { documents };
  const mock = mockFetch()
    .signedInAs(role)
    .get(casePath, { body: detail })
    .get(`${casePath}/documents`, () => ({ body: { documents: state.documents } }));
  return { mock, state };
}

const section = () => screen.findByRole('region', { name: 'Documents' });
const png = (name: string) =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: 'image/png' });

async function chooseRepresentative() {
  const region = await section();
  fireEvent.mouseDown(within(region).getByRole('combobox', { name: 'For' }));
  fireEvent.click(await screen.findByRole('option', { name: 'Business representative RepDana' }));
  return region;
}

describe('the Documents section of a connectFi case', () => {
  it('is offered to analysts and seniors on an open connectFi case only', async () => {
    backend('support');
    const first = renderApp(`/cases/${caseId}`);
    await screen.findByRole('region', { name: 'Decision' });
    expect(screen.queryByRole('region', { name: 'Documents' })).toBeNull();
    first.unmount();

    backend('senior', [], { state: 'resolved', resolution: 'approved' });
    const resolved = renderApp(`/cases/${caseId}`);
    await screen.findByRole('region', { name: 'Decision' });
    expect(screen.queryByRole('region', { name: 'Documents' })).toBeNull();
    resolved.unmount();

    backend('senior');
    renderApp(`/cases/${caseId}`);
    expect(await section()).toBeTruthy();
  });

  it('sends a dropped file with its fields, shows its progress, and lists it when connectFi holds it', async () => {
    const { state } = backend('analyst');
    renderApp(`/cases/${caseId}`);
    const region = await chooseRepresentative();
    // A representative is a person: the workflow follows the entity chosen.
    expect(within(region).getByRole('combobox', { name: 'Workflow' }).textContent).toContain('Personal');
    fireEvent.change(within(region).getByLabelText('Note'), { target: { value: 'front of the licence' } });

    fireEvent.drop(within(region).getByTestId('document-drop-zone'), {
      dataTransfer: { files: [png('front.png')], types: ['Files'] },
    });
    const xhr = await waitFor(() => {
      const sent = FakeXhr.sent[0];
      if (!sent) throw new Error('nothing sent yet');
      return sent;
    });
    expect(xhr.url).toBe(`${casePath}/documents`);
    expect(xhr.headers.get('x-csrf-token')).toBe('csrf-analyst');
    expect(Object.fromEntries([...(xhr.body?.entries() ?? [])].filter(([key]) => key !== 'file'))).toEqual({
      entityId: 'RepDana',
      workflow: 'PERSONAL',
      type: 'license',
      view: 'front',
      note: 'front of the licence',
    });
    expect((xhr.body?.get('file') as File | undefined)?.name).toBe('front.png');

    xhr.progress(40, 100);
    expect(await within(region).findByText('Sending to the desk: 40%')).toBeTruthy();
    state.documents = [document()];
    xhr.answer(200, { document: document(), documentId: 'doc_front', uploadStatus: true });
    expect(await within(region).findByText('Generated and uploaded at connectFi')).toBeTruthy();
    const table = await within(region).findByRole('table', { name: 'Documents sent' });
    expect(within(table).getByText('front.png')).toBeTruthy();
    expect(within(table).getByText('Uploaded')).toBeTruthy();
    expect(within(table).getByText('Not attached')).toBeTruthy();
    expect(within(table).getByText('Demo analyst')).toBeTruthy();
  });

  it('retries a failed step by sending the same file again, and refuses an empty file without sending it', async () => {
    const { state } = backend('analyst');
    renderApp(`/cases/${caseId}`);
    const region = await section();
    const input = within(region).getByLabelText('Document files') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([], 'empty.png', { type: 'image/png' })] } });
    expect(await within(region).findByText(/The file is empty/)).toBeTruthy();
    expect(FakeXhr.sent).toHaveLength(0);
    // The same empty file would be refused again: it can be dismissed, not retried.
    expect(within(region).queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));

    const file = png('back.png');
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    state.documents = [
      document({ view: 'back', status: 'generated', lastError: 'upload: upstream_unavailable' }),
    ];
    FakeXhr.sent[0]?.answer(503, errorReply(503, 'upstream_unavailable', 'connectFi is unavailable').body);
    expect(await within(region).findByText(/connectFi is unavailable/)).toBeTruthy();
    expect(await within(region).findByText('Upload failed')).toBeTruthy();
    expect(within(region).getByText('Generated')).toBeTruthy();

    fireEvent.click(within(region).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    const resent = FakeXhr.sent[1]?.body?.get('file') as File | undefined;
    expect([resent?.name, await resent?.text()]).toEqual(['back.png', await file.text()]);
    const fieldsOf = (xhr?: FakeXhr) => [...(xhr?.body?.entries() ?? [])].filter(([key]) => key !== 'file');
    expect(fieldsOf(FakeXhr.sent[1])).toEqual(fieldsOf(FakeXhr.sent[0]));
  });

  it('attaches the uploaded documents of the chosen entity, and shows the journey status the events bring', async () => {
    const { mock, state } = backend('analyst', [
      document(),
      document({ id: '00000000-0000-4000-8000-000000000002', documentId: 'doc_back', view: 'back' }),
    ]);
    mock.post(`${casePath}/documents/attach`, () => {
      state.documents = state.documents.map((d) => ({ ...d, status: 'attached' as const }));
      return { body: { documents: state.documents, journey: { status: 'waiting_review', outcome: null } } };
    });
    renderApp(`/cases/${caseId}`);
    const region = await chooseRepresentative();
    fireEvent.click(await within(region).findByRole('button', { name: 'Attach 2 documents' }));
    await waitFor(() => expect(mock.calls('POST', `${casePath}/documents/attach`)).toHaveLength(1));
    expect(mock.calls('POST', `${casePath}/documents/attach`)[0]?.body).toEqual({
      version: 3,
      entityId: 'RepDana',
      documents: [
        { documentId: 'doc_front', view: 'front' },
        { documentId: 'doc_back', view: 'back' },
      ],
    });
    expect(await within(region).findAllByText('Attached')).toHaveLength(2);
    expect((await within(region).findByText(/^Attached\. connectFi answered/)).textContent).toContain(
      'waiting_review',
    );

    const loads = mock.calls('GET', casePath).length;
    FakeEventSource.latest()?.emit('case', {
      type: 'updated',
      caseId,
      case: summary({ upstreamStatus: 'waiting_review', version: 4 }),
    });
    await waitFor(() =>
      expect(within(region).getByText(/connectFi journey:/).textContent).toContain('waiting_review'),
    );
    // The verification and the timeline are read again, so the whole page agrees with the new status.
    await waitFor(() => expect(mock.calls('GET', casePath).length).toBeGreaterThan(loads));
  });
});
