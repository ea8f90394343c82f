import type { AuditEntry, AuditListResponse } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvHeader } from '../../../../src/routes/api/audit/export';
import { capaView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

describe('audit CSV cells', () => {
  it('quotes separators and keeps a spreadsheet from running text as a formula', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@sum')).toBe("'@sum");
  });
});

describeEachEngine('audit date range and export', (engine) => {
  let h: CaseHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await caseHarness(engine);
    const summary = await h.ingest(capaView({ userId: 'audit-export-1' }));
    caseId = summary.id;
    await h.detail('analyst', caseId);
    await h.call('analyst', 'POST', `/api/cases/${caseId}/claim`, { version: summary.version });
  });
  afterAll(async () => {
    await h.close();
    await engine.dispose();
  });

  const list = async (query: string) => {
    const response = await h.call('admin', 'GET', `/api/audit?limit=200${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AuditListResponse>().items;
  };

  it('selects rows at or after `from` and before `to`', async () => {
    const all = await list('');
    const times = [...new Set(all.map((entry) => entry.at))].sort();
    expect(times.length).toBeGreaterThan(1);
    const middle = times[Math.floor(times.length / 2)] ?? '';
    const from = await list(`&from=${encodeURIComponent(middle)}`);
    const to = await list(`&to=${encodeURIComponent(middle)}`);
    expect(from.every((entry) => entry.at >= middle)).toBe(true);
    expect(to.every((entry) => entry.at < middle)).toBe(true);
    expect([...from, ...to].map((entry) => entry.id).sort((a, b) => a - b)).toEqual(
      all.map((entry) => entry.id).sort((a, b) => a - b),
    );
    expect((await h.call('admin', 'GET', '/api/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('exports the filtered range as CSV, oldest first, and audits the export with its filters', async () => {
    const expected = (await list(`&caseId=${caseId}`)).reverse();
    const response = await h.call('admin', 'GET', `/api/audit/export?format=csv&caseId=${caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-.*\.csv"$/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(csvHeader.join(','));
    expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(
      expected.map((entry) => entry.id),
    );
    expect(lines[1]).toContain(`,case.opened,${caseId},`);

    const [exported] = await list('&action=audit.exported');
    expect(exported).toMatchObject({
      actor: { username: 'admin' },
      details: { format: 'csv', caseId, rows: expected.length },
    });
  });

  it('exports JSON lines that read back as the rows of the list, without the export’s own row', async () => {
    const before = await list('');
    const response = await h.call('senior', 'GET', '/api/audit/export?format=jsonl');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const rows = response.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry);
    expect(rows).toEqual([...before].reverse());
    const [exported] = await list('&action=audit.exported');
    expect(exported).toMatchObject({ actor: { username: 'senior' }, details: { format: 'jsonl' } });
  });

  it('refuses an unknown format and callers who may not read the trail', async () => {
    expect((await h.call('admin', 'GET', '/api/audit/export?format=xlsx')).statusCode).toBe(400);
    expect((await h.call('admin', 'GET', '/api/audit/export')).statusCode).toBe(400);
    for (const person of ['analyst', 'support'] as const) {
      expect((await h.call(person, 'GET', '/api/audit/export?format=csv')).statusCode).toBe(403);
    }
  });
});
