import type { CaseDetail } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capaView } from '../cases/fixtures';
import { type CaseHarness, caseHarness, type Person } from '../cases/harness';
import { engines } from '../helpers/db';
import { pdfPages, pdfText } from './pdf-tools';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

const arabicName = 'محمد بن عبد الله';
const idNumber = 'ARAB7654321XYZ';

let h: CaseHarness;
let counter = 0;

beforeAll(async () => {
  h = await caseHarness(engine);
});
afterAll(async () => {
  await h?.close();
  await engine.dispose();
});

const post = async (person: Person, url: string, payload: object) => {
  const response = await h.call(person, 'POST', url, payload);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const exportPack = (person: Person, caseId: string, query = '') =>
  h.call(person, 'GET', `/api/cases/${caseId}/evidence-pack.pdf${query}`);

const auditRows = (caseId: string, action: string) =>
  h.app.db
    .selectFrom('audit_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('action', '=', action)
    .execute();

/** A Capa case whose subject has an Arabic name, approved by an analyst on the evidence shown. */
async function approvedArabicCase(): Promise<{ caseId: string; detail: CaseDetail }> {
  const summary = await h.ingest(capaView({ userId: `pack-${++counter}`, fullName: arabicName, idNumber }));
  const detail = await h.detail('analyst', summary.id);
  const claimed = await post('analyst', `/api/cases/${summary.id}/claim`, { version: detail.case.version });
  const decided = await post('analyst', `/api/cases/${summary.id}/decision`, {
    version: claimed.case.version,
    outcome: 'approve',
    reasonCode: 'identity_confirmed',
    comment: 'Passport and selfie agree; nombre verificado con éxito',
    viewHash: detail.viewHash,
    acknowledgedWarnings: [],
  });
  expect(decided.case.state).toBe('resolved');
  return { caseId: summary.id, detail };
}

describe('GET /api/cases/:id/evidence-pack.pdf', () => {
  it('gives a senior a valid PDF whose text holds the viewHash, the reason code and the Arabic name', async () => {
    const { caseId, detail } = await approvedArabicCase();
    const response = await exportPack('senior', caseId);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="evidence-pack-${caseId}.pdf"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const pdf = response.rawPayload;
    expect(await pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    const text = await pdfText(pdf);
    expect(detail.viewHash).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(detail.viewHash);
    expect(text).toContain('identity_confirmed');
    expect(text).toContain(arabicName);
    expect(text).toContain('nombre verificado con éxito');
    expect(text).toContain(caseId);
    expect(text).toContain('GET /api/audit/verify');
    expect(text).not.toContain('NOT FINAL');
  });

  it('is audited as case.evidence_pack_exported, and lists that row and its hash', async () => {
    const { caseId, detail } = await approvedArabicCase();
    const response = await exportPack('senior', caseId);
    const [row] = await auditRows(caseId, 'case.evidence_pack_exported');
    expect(row).toMatchObject({
      actor_username: 'senior',
      details: { unmasked: false, final: true, viewHash: detail.viewHash },
    });
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('case.evidence_pack_exported');
    expect(text.replace(/\s+/g, '')).toContain(row?.hash);
    expect(await auditRows(caseId, 'case.evidence_pack_unmasked')).toHaveLength(0);
  });

  it('masks identifiers by default and prints them in full for a senior who asks, audited separately', async () => {
    const { caseId } = await approvedArabicCase();
    const masked = await pdfText((await exportPack('senior', caseId)).rawPayload);
    expect(masked).not.toContain(idNumber);
    expect(masked).toContain('•••••1XYZ');

    const unmasked = await exportPack('senior', caseId, '?unmasked=true');
    expect(unmasked.statusCode).toBe(200);
    expect(await pdfText(unmasked.rawPayload)).toContain(idNumber);
    const [row] = await auditRows(caseId, 'case.evidence_pack_unmasked');
    expect(row).toMatchObject({ actor_username: 'senior', details: { fields: ['idNumber', 'taxId'] } });
  });

  it('lets an admin export masked only', async () => {
    const { caseId } = await approvedArabicCase();
    const response = await exportPack('admin', caseId);
    expect(response.statusCode).toBe(200);
    expect(await pdfText(response.rawPayload)).not.toContain(idNumber);
    const refused = await exportPack('admin', caseId, '?unmasked=true');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('unmasked_not_allowed');
    expect(await auditRows(caseId, 'case.evidence_pack_unmasked')).toHaveLength(0);
  });

  it.each(['analyst', 'support'] as const)('refuses %s', async (person) => {
    const { caseId } = await approvedArabicCase();
    const response = await exportPack(person, caseId);
    expect(response.statusCode).toBe(403);
    expect(await auditRows(caseId, 'case.evidence_pack_exported')).toHaveLength(0);
  });

  it('answers 404 for an unknown case and 400 for a malformed id or unmasked value', async () => {
    const unknown = await exportPack('senior', '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await exportPack('senior', 'not-a-uuid')).statusCode).toBe(400);
    const { caseId } = await approvedArabicCase();
    expect((await exportPack('senior', caseId, '?unmasked=maybe')).statusCode).toBe(400);
  });

  it('marks an unresolved case not final, and keeps a 60-hit case within 10 pages with every script as text', async () => {
    const scripts = ['José Núñez Peña', 'Γιώργος Παπαδόπουλος', '王小明', 'عبد الرحمن الخطيب'];
    const hits = Array.from({ length: 60 }, (_, index) => ({
      id: `hit-${String(index).padStart(2, '0')}`,
      name: `${scripts[index % scripts.length]} ${index}`,
      dateOfBirth: '1970-01-01',
    }));
    const summary = await h.ingest(
      capaView({ userId: `pack-${++counter}`, hits, fullName: 'Ana Łukasiewicz' }),
    );
    const detail = await h.detail('analyst', summary.id);
    let version = (await post('analyst', `/api/cases/${summary.id}/claim`, { version: detail.case.version }))
      .case.version;
    for (const hit of hits) {
      const disposed = await post('analyst', `/api/cases/${summary.id}/dispositions`, {
        version,
        hitRef: hit.id,
        disposition: 'false_positive',
        comment: `Other person (${hit.id})`,
      });
      version = disposed.case.version;
    }

    const response = await exportPack('senior', summary.id);
    expect(response.statusCode).toBe(200);
    const pages = await pdfPages(response.rawPayload);
    expect(pages).toBeLessThanOrEqual(10);
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('NOT FINAL');
    for (const name of [...scripts, 'Ana Łukasiewicz']) expect(text).toContain(name);
    expect(text).toContain('hit-59');
    expect(text).toContain('Other person (hit-59)');
    expect(text).toContain(detail.viewHash);
    const [row] = await auditRows(summary.id, 'case.evidence_pack_exported');
    expect(row?.details).toMatchObject({ final: false, state: 'in_review' });
  }, 120_000);
});
