import { type CaseView, CaseView as CaseViewSchema } from '@review-desk/contracts';
import Ajv from 'ajv';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCapaKyc, normaliseConnectfiStatus } from '../../src/normalise';
import {
  amlHit,
  capaDocExample,
  capaDocUserId,
  capaReviewNeeded,
  capaReviewUserId,
  capaSectionKeys,
} from './fixtures/capa';
import { connectfiBusiness, connectfiIndividual } from './fixtures/connectfi';

const now = new Date('2026-01-15T12:00:00.000Z');
const capa = (raw: unknown) => normaliseCapaKyc(raw, { userId: capaReviewUserId, now });

const views: Record<string, CaseView> = {
  'doc-example': normaliseCapaKyc(capaDocExample, { userId: capaDocUserId, externalUserId: 'ext-1', now }),
  'review-needed': capa(capaReviewNeeded),
  'thousand-hits': capa({
    ...capaReviewNeeded,
    amlInfo: { numHits: '1000', entityHits: Array.from({ length: 1000 }, (_, index) => amlHit(index)) },
  }),
  'all-missing': capa({}),
  'all-null': capa(Object.fromEntries(capaSectionKeys.map((key) => [key, null]))),
  hostile: capa({
    idInfo: {
      fullName: '<img src=x onerror=alert(1)>',
      firstName: '\u202Eevil',
      lastName: 'x'.repeat(10_000),
    },
    amlInfo: { entityHits: { 0: { name: '"\\\u0000', alsoKnownAs: 'solo' } } },
  }),
  'connectfi-individual': normaliseConnectfiStatus(connectfiIndividual, {
    customerId: connectfiIndividual.customerId,
    now,
  }),
  'connectfi-business': normaliseConnectfiStatus(connectfiBusiness, {
    customerId: connectfiBusiness.customerId,
    now,
  }),
};

const validate = new Ajv({ strict: false }).compile(CaseViewSchema);

describe('normalised views through the Fastify serializer', () => {
  let app: FastifyInstance;
  let current: CaseView = views['all-missing'] as CaseView;

  beforeAll(async () => {
    app = Fastify();
    app.get('/views/:name', { schema: { response: { 200: CaseViewSchema } } }, async (request) => {
      const { name } = request.params as { name: string };
      return name === 'current' ? current : views[name];
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(Object.keys(views))('%s: matches the schema and survives serialisation unchanged', async (name) => {
    const view = views[name];
    expect(validate(view), JSON.stringify(validate.errors)).toBe(true);
    const response = await app.inject({ method: 'GET', url: `/views/${name}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual(view);
  });

  it('never throws on arbitrary section contents, and the result always serialises unchanged', async () => {
    const checkFields = [
      'result',
      'status',
      'section_id',
      'statusReasons',
      'warnings',
      'faceMatchScore',
      'numHits',
    ];
    const hitFields = [
      'id',
      'name',
      'entityType',
      'nameMatchScore',
      'alsoKnownAs',
      'amlHits',
      'resolutionStatus',
    ];
    const json = fc.jsonValue({ maxDepth: 2 });
    const loose = (keys: string[]) => fc.oneof(json, fc.dictionary(fc.constantFrom(...keys), json));
    const section = fc.oneof(
      json,
      fc.record(
        {
          ...Object.fromEntries(checkFields.map((key) => [key, json])),
          entityHits: fc.oneof(json, fc.array(loose(hitFields), { maxLength: 4 })),
          personalInfo: loose(['profession', 'taxId']),
          relatedSessionInsights: loose(checkFields),
        },
        { requiredKeys: [] },
      ),
    );
    const payload = fc.record(
      Object.fromEntries([...capaSectionKeys, 'clientReferenceId', 'createdAt'].map((key) => [key, section])),
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(payload, async (raw) => {
        current = capa(raw);
        expect(validate(current), JSON.stringify(validate.errors)).toBe(true);
        const response = await app.inject({ method: 'GET', url: '/views/current' });
        // Compared as JSON: fast-check builds some objects without a prototype, which JSON cannot tell apart.
        expect(response.json()).toStrictEqual(JSON.parse(JSON.stringify(current)));
      }),
      { numRuns: 100, seed: 20_260_115 },
    );
  });
});
