// Every Get KYC Details answer for the default population, checked against Capa's published schema
// (test/fixtures/capa-kyc-details.schema.json, copied from the OpenAPI document). The generator deliberately
// reproduces what real payloads do and the schema does not allow: a check section sent as null or left out
// although `required`, numbers sent as strings. Those subjects are tagged, so the test holds the rest to the
// schema exactly and the tagged ones to the schema relaxed only in those documented ways ("Partial Data
// Possibility: some fields in the response may be missing or marked as null").

import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCapa, startCapa } from './capa-harness';

type Schema = Record<string, unknown>;

const published = JSON.parse(
  readFileSync(new URL('./fixtures/capa-kyc-details.schema.json', import.meta.url), 'utf8'),
) as Schema;

/** The schema with null allowed everywhere, nothing required and numbers also accepted as numeric strings. */
function relaxed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxed);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required') continue;
    if (key === 'type' && value === 'number') {
      out.anyOf = [{ type: ['number', 'null'] }, { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' }];
    } else if (key === 'type' && typeof value === 'string') {
      out.type = [value, 'null'];
    } else {
      out[key] = relaxed(value);
    }
  }
  return out;
}

/** Tags of the deviations that break the published schema. */
const schemaBreaking = [
  'partial:liveness-null',
  'partial:face-missing',
  'odd:score-as-string',
  'odd:numhits-as-string',
];

function compile(schema: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addKeyword('example');
  return ajv.compile(schema as Schema);
}

let capa: RunningCapa;
const answers: { tags: string[]; body: unknown }[] = [];

beforeAll(async () => {
  capa = await startCapa();
  for (const user of capa.population.capa) {
    if (!user.kycDetails) continue;
    const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${user.userId}`);
    expect(res.status).toBe(200);
    answers.push({ tags: user.scenarioTags, body: res.json() });
  }
});

afterAll(() => capa.close());

describe('KYC details of the whole default population', () => {
  const strict = compile(published);
  const tolerant = compile(relaxed(published));

  it('covers every completed session', () => {
    expect(answers.length).toBe(capa.population.capa.filter((u) => u.kycDetails).length);
    expect(answers.length).toBeGreaterThan(80);
  });

  it('match the published schema exactly, except the tagged deviations', () => {
    const unexpected: string[] = [];
    for (const { tags, body } of answers) {
      const breaking = tags.some((tag) => schemaBreaking.includes(tag));
      if (!strict(body) && !breaking) unexpected.push(JSON.stringify(strict.errors));
    }
    expect(unexpected).toEqual([]);
  });

  it('break the published schema only by nulls, missing required sections and numeric strings', () => {
    const deviating = answers.filter(({ tags }) => tags.some((tag) => schemaBreaking.includes(tag)));
    expect(deviating.length).toBeGreaterThan(0);
    for (const { body } of deviating) {
      expect(strict(body)).toBe(false);
      const kinds = new Set((strict.errors ?? []).map((e: ErrorObject) => e.keyword));
      expect([...kinds].every((k) => k === 'type' || k === 'required')).toBe(true);
      expect(tolerant(body), JSON.stringify(tolerant.errors)).toBe(true);
    }
  });

  it('always carry the overall result and the session id', () => {
    for (const { body } of answers) {
      const data = (
        body as { data: { aipriseSummary?: { verificationResult?: string }; verificationSessionId?: string } }
      ).data;
      expect(['VERIFIED', 'REJECTED', 'REVIEW_NEEDED']).toContain(data.aipriseSummary?.verificationResult);
      expect(data.verificationSessionId).toMatch(/^vs_/);
    }
  });
});
