import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../src/directory';
import { type ScenarioEntry, scenarioIndex, withTags } from '../src/scenarios';
import { defaultPopulation, type RunningCapa, startCapa } from './capa-harness';

describe('scenarioIndex', () => {
  const index = scenarioIndex(defaultPopulation());

  it('lists every subject once', () => {
    const { capa, connectfi } = defaultPopulation();
    expect(index).toHaveLength(capa.length + connectfi.length);
    expect(new Set(index.map((e) => e.id)).size).toBe(index.length);
  });

  it('finds a REVIEW_NEEDED case with several AML hits', () => {
    const found = withTags(index, ['capa', 'review_needed', 'aml:many']);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e) => e.status === 'REVIEW_NEEDED' && e.externalUserId?.startsWith('org-'))).toBe(
      true,
    );
  });

  it('finds a business in waiting_review with exactly 3 representatives', () => {
    const found = withTags(index, ['connectfi', 'business', 'waiting_review', 'representatives:3']);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({
      subjectType: 'business',
      status: 'waiting_review',
      id: expect.stringMatching(/^cstab_/),
    });
  });

  it('finds connectFi customers in every journey status and without one', () => {
    const statuses = new Set(index.filter((e) => e.provider === 'connectfi').map((e) => e.status));
    for (const status of [
      'pending_step_up',
      'pending_documents',
      'waiting_review',
      'pending_journey_application_review',
      'running',
      'data_request',
      'completed:Approved',
      'completed:Denied',
      'no_journey',
    ]) {
      expect(statuses).toContain(status);
    }
  });
});

describe('GET /_sandbox/scenarios and /_sandbox/directory on the Capa server', () => {
  let capa: RunningCapa;
  beforeAll(async () => {
    capa = await startCapa();
  });
  afterAll(() => capa.close());

  it('filters the live index by every tag given', async () => {
    const res = await capa.call('GET', '/_sandbox/scenarios?tag=review_needed&tag=aml:many', { key: null });
    expect(res.status).toBe(200);
    const body = res.json() as { count: number; scenarios: ScenarioEntry[] };
    expect(body.count).toBe(body.scenarios.length);
    expect(body.count).toBe(
      withTags(scenarioIndex({ capa: capa.population.capa }), ['review_needed', 'aml:many']).length,
    );
    expect(body.scenarios.every((e) => e.provider === 'capa' && e.tags.includes('aml:many'))).toBe(true);
  });

  it('lists every Capa user and connectFi customer in the directory, users created later included', async () => {
    const created = await capa.call('POST', '/api/partner/v2/users', {
      body: {
        type: 'INDIVIDUAL',
        email: 'late@example.com',
        externalUserId: 'org-late',
        alias: 'Late Comer',
      },
    });
    const { userId } = (created.json() as { data: { userId: string } }).data;
    const res = await capa.call('GET', '/_sandbox/directory', { key: null });
    const { count, entries } = res.json() as { count: number; entries: DirectoryEntry[] };
    expect(count).toBe(capa.population.capa.length + capa.population.connectfi.length + 1);
    expect(entries).toContainEqual(
      expect.objectContaining({
        provider: 'capa',
        userId,
        externalUserId: 'org-late',
        displayName: 'Late Comer',
      }),
    );

    const pair = entries.filter((e) => e.displayName === 'José Ñúñez');
    expect(pair.map((e) => e.provider).sort()).toEqual(['capa', 'connectfi']);
    expect(new Set(pair.map((e) => `${e.birthDate}|${e.idNumber}`)).size).toBe(1);
    const business = entries.find((e) => e.provider === 'connectfi' && e.representatives?.length === 3);
    expect(business?.provider === 'connectfi' && business.representatives?.[0]?.entityId).toBeTruthy();
  });
});

describe('the scenarios command', () => {
  it('prints the index as JSON, filtered by tag', async () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'scenarios',
        '--json',
        '--size',
        '60',
        '--tag',
        'connectfi',
        '--tag',
        'business',
      ],
      { cwd },
    );
    const entries = JSON.parse(stdout) as ScenarioEntry[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.provider === 'connectfi' && e.subjectType === 'business')).toBe(true);
  });
});
