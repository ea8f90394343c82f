import { Type } from '@sinclair/typebox';
import Ajv from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseView, enumIs, type FaceMatchSection, isProvided } from '../src';
import { completeView, minimalView } from '../src/testing';

const ajv = new Ajv({ strict: false });
const validate = ajv.compile(CaseView);

/** Serialises `view` through Fastify's own response serializer (fast-json-stringify) and parses it back. */
async function throughFastify(app: FastifyInstance, path: string): Promise<unknown> {
  const response = await app.inject({ method: 'GET', url: path });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('CaseView schema', () => {
  it('validates a complete and a minimal view', () => {
    expect(validate(completeView), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(minimalView), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a section without its provided flag, and wrongly typed fields', () => {
    expect(validate({ ...minimalView, faceMatch: {} })).toBe(false);
    expect(validate({ ...completeView, faceMatch: { ...completeView.faceMatch, score: '0.83' } })).toBe(
      false,
    );
    expect(
      validate({ ...completeView, verification: { ...completeView.verification, result: 'VERIFIED' } }),
    ).toBe(false);
  });

  it('rejects an undocumented anomaly kind and a raw media URL in place of availability', () => {
    expect(validate({ ...minimalView, anomalies: [{ path: 'x', kind: 'other', detail: 'd' }] })).toBe(false);
    const files = [{ kind: 'front', available: 'https://cdn.example/front.jpg' }];
    expect(validate({ ...minimalView, media: { provided: true, files } })).toBe(false);
  });

  it('declares every object property and uses no anyOf/oneOf, which fast-json-stringify resolves per value', () => {
    const problems: string[] = [];
    const walk = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if ('anyOf' in node || 'oneOf' in node) problems.push(`${path}: anyOf/oneOf`);
      const types = Array.isArray(node.type) ? node.type : [node.type];
      if (types.includes('object') && typeof node.properties !== 'object')
        problems.push(`${path}: open object`);
      for (const [key, child] of Object.entries(node)) walk(child, `${path}/${key}`);
    };
    walk(CaseView, '#');
    expect(problems).toEqual([]);
  });

  it('has an $id and a description for the API documentation', () => {
    expect(CaseView.$id).toBe('CaseView');
    expect(CaseView.description).toBeTruthy();
  });
});

describe('CaseView through the Fastify serializer', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    const response = { response: { 200: CaseView } };
    app.get('/complete', { schema: response }, async () => completeView);
    app.get('/minimal', { schema: response }, async () => minimalView);
    app.get('/with-undeclared', { schema: response }, async () => ({
      ...minimalView,
      undeclared: 'dropped',
    }));
    app.get(
      '/embedded',
      { schema: { response: { 200: Type.Object({ caseId: Type.String(), view: CaseView }) } } },
      async () => ({ caseId: 'c-1', view: completeView }),
    );
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('keeps every field of a complete view', async () => {
    expect(await throughFastify(app, '/complete')).toStrictEqual(completeView);
  });

  it('keeps every field of a minimal view', async () => {
    expect(await throughFastify(app, '/minimal')).toStrictEqual(minimalView);
  });

  it('would reveal a dropped field: an undeclared property does not survive', async () => {
    expect(await throughFastify(app, '/with-undeclared')).toStrictEqual(minimalView);
  });

  it('serialises when embedded in another response schema', async () => {
    expect(await throughFastify(app, '/embedded')).toStrictEqual({ caseId: 'c-1', view: completeView });
  });
});

describe('helpers', () => {
  it('isProvided narrows a section', () => {
    const section: FaceMatchSection = completeView.faceMatch;
    expect(isProvided(section) ? section.score : 'absent').toBe(0.83);
    expect(isProvided(minimalView.faceMatch)).toBe(false);
  });

  it('enumIs compares the normalised form of known values only', () => {
    expect(enumIs({ value: 'Approved', known: true, normalised: 'approved' }, 'approved')).toBe(true);
    expect(enumIs({ value: 'approved', known: false }, 'approved')).toBe(false);
    expect(enumIs(null, 'approved')).toBe(false);
  });
});
