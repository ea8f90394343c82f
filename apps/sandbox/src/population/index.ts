// The deterministic population: the first indexes are a fixed table of named scenarios (so every case the
// review desk must handle exists even in a small population), the rest a random mix, about 60% Capa users and
// 40% connectFi customers. Each index draws from its own generator, so the same seed and size give
// byte-identical output and any subject can be produced without the others.

import type { ConnectfiCustomerSeed } from '../connectfi/model';
import { capaBusiness, capaIndividual } from './capa';
import {
  type BusinessPlan,
  connectfiBusiness,
  connectfiIndividual,
  connectfiOriginWeights,
  type JourneyPlan,
} from './connectfi';
import { cleanSpec, type KycSpec, randomKycSpec } from './kyc';
import { makePerson, type Person, type PersonOptions } from './people';
import { hashString, Rng } from './prng';
import { internTags } from './tags';
import type { CapaUserSeed, KybVerificationStatus, Population, PopulationParams } from './types';

export type { KycSpec } from './kyc';
export type * from './types';

const STREAM_MIX = 1;
const STREAM_SPEC = 2;
const STREAM_PERSON = 3;
const STREAM_SUBJECT = 4;

type Scenario =
  | { provider: 'capa'; kind: 'individual'; kyc: KycSpec | null; person: PersonOptions; pair?: string }
  | { provider: 'capa'; kind: 'business'; kyb: KybVerificationStatus; owners: number }
  | {
      provider: 'connectfi';
      kind: 'individual';
      journey: JourneyPlan | null;
      person: PersonOptions;
      pair?: string;
    }
  | { provider: 'connectfi'; kind: 'business'; plan: BusinessPlan; pair?: string };

const kyc = (overrides: Partial<KycSpec>): KycSpec => ({ ...cleanSpec, partial: [], odd: [], ...overrides });
const capa = (spec: KycSpec | null, person: PersonOptions, pair?: string): Scenario => ({
  provider: 'capa',
  kind: 'individual',
  kyc: spec,
  person,
  ...(pair ? { pair } : {}),
});
const capaBusinessScenario = (kyb: KybVerificationStatus, owners: number): Scenario => ({
  provider: 'capa',
  kind: 'business',
  kyb,
  owners,
});
const cfi = (journey: JourneyPlan | null, person: PersonOptions = {}, pair?: string): Scenario => ({
  provider: 'connectfi',
  kind: 'individual',
  journey,
  person,
  ...(pair ? { pair } : {}),
});
const cfb = (
  journey: JourneyPlan | null,
  representatives: number,
  extra: Partial<BusinessPlan> = {},
  pair?: string,
): Scenario => ({
  provider: 'connectfi',
  kind: 'business',
  plan: { journey, representatives, ...extra },
  ...(pair ? { pair } : {}),
});

/** People who exist at both providers: same full name, birth date and ID number. */
const pairs: Record<string, PersonOptions> = {
  A: { origin: 'mx', gender: 'M', name: { firstName: 'José', lastName: 'Ñúñez' } },
  B: { origin: 'do', gender: 'F' },
  C: { origin: 'us', gender: 'F' },
};

const fixedScenarios: readonly Scenario[] = [
  // Capa individuals, one per review situation.
  capa(kyc({}), { origin: 'mx' }),
  capa(kyc({ result: 'REVIEW_NEEDED', amlHits: 5, amlResolution: 'UNRESOLVED' }), { origin: 'mx' }),
  capa(kyc({ result: 'REVIEW_NEEDED', face: 'borderline', faceScore: 0.71, amlHits: 1 }), {
    origin: 'de',
    gender: 'F',
    name: { firstName: 'Zoë', lastName: 'Müller' },
  }),
  capa(kyc({ result: 'REJECTED', face: 'low', faceScore: 0.31, liveness: 'failed' }), { origin: 'do' }),
  capa(kyc({ result: 'REVIEW_NEEDED', fraud: 'warnings' }), {
    origin: 'ar',
    gender: 'M',
    name: { firstName: 'محمد', lastName: 'العلي', latinFirstName: 'Mohammed', latinLastName: 'Al-Ali' },
  }),
  capa(kyc({ result: 'REVIEW_NEEDED', id: 'near-expiry', amlHits: 1 }), {
    origin: 'cn',
    gender: 'M',
    name: { firstName: '小明', lastName: '王', latinFirstName: 'Xiaoming', latinLastName: 'Wang' },
  }),
  capa(kyc({ result: 'REJECTED', id: 'expired' }), { origin: 'us' }),
  capa(kyc({ result: 'REVIEW_NEEDED', id: 'expired', face: 'borderline' }), { origin: 'gr' }),
  capa(
    kyc({
      result: 'REVIEW_NEEDED',
      face: 'borderline',
      partial: ['liveness-null', 'some-media', 'no-related-sessions', 'no-personal-info'],
    }),
    { origin: 'mx' },
  ),
  capa(
    kyc({
      result: 'REVIEW_NEEDED',
      faceScore: 0.83,
      amlHits: 2,
      odd: ['score-as-string', 'numhits-as-string', 'unknown-enum', 'odd-casing'],
    }),
    { origin: 'es' },
  ),
  capa(kyc({ result: 'REVIEW_NEEDED', amlHits: 8, amlResolution: 'mixed', liveness: 'failed' }), {
    origin: 'do',
  }),
  capa(kyc({ amlHits: 1, amlResolution: 'FALSE_POSITIVE' }), { origin: 'fr' }),
  capa(null, { origin: 'mx' }),
  capa(kyc({ result: 'REVIEW_NEEDED', liveness: 'failed', face: 'borderline', faceScore: 0.62 }), {
    origin: 'pl',
  }),
  capa(kyc({ result: 'REJECTED', amlHits: 3, amlResolution: 'TRUE_MATCH' }), { origin: 'mx' }),
  capa(
    kyc({
      result: 'REVIEW_NEEDED',
      fraud: 'warnings',
      amlHits: 1,
      partial: ['face-missing', 'sparse-id', 'sparse-aml', 'no-media', 'no-created-at'],
    }),
    { origin: 'es' },
  ),
  capa(kyc({ result: 'REVIEW_NEEDED', liveness: 'review', odd: ['odd-gender', 'odd-date-format'] }), {
    origin: 'pt',
  }),
  capa(kyc({ result: 'REJECTED', fraud: 'declined' }), { origin: 'se' }),
  capa(
    kyc({ result: 'REVIEW_NEEDED', amlHits: 4, face: 'borderline', fraud: 'warnings', id: 'near-expiry' }),
    { origin: 'ar', gender: 'F' },
  ),
  // People at both providers.
  capa(kyc({ result: 'REVIEW_NEEDED', face: 'borderline', faceScore: 0.68 }), {}, 'A'),
  cfi({ status: 'waiting_review' }, {}, 'A'),
  capa(kyc({ result: 'REVIEW_NEEDED', amlHits: 1 }), {}, 'B'),
  cfi({ status: 'completed', outcome: 'Denied' }, {}, 'B'),
  capa(kyc({}), {}, 'C'),
  cfb({ status: 'waiting_review' }, 2, {}, 'C'),
  // Capa businesses in each KYB state.
  capaBusinessScenario('REVIEW_NEEDED', 3),
  capaBusinessScenario('VERIFIED', 1),
  capaBusinessScenario('NOT_STARTED', 2),
  capaBusinessScenario('IN_PROGRESS', 2),
  capaBusinessScenario('REJECTED', 1),
  // connectFi individuals in every journey status, and one without a journey.
  cfi({ status: 'pending_step_up' }),
  cfi({ status: 'pending_documents' }),
  cfi({ status: 'waiting_review' }, { origin: 'us' }),
  cfi({ status: 'waiting_review' }, { origin: 'cn' }),
  cfi({ status: 'waiting_review' }, { origin: 'ar' }),
  cfi({ status: 'pending_journey_application_review' }),
  cfi({ status: 'running' }),
  cfi({ status: 'data_request' }),
  cfi({ status: 'completed', outcome: 'Approved' }),
  cfi({ status: 'completed', outcome: 'Denied' }),
  cfi(null),
  // connectFi businesses with 1 to 5 representatives.
  cfb({ status: 'waiting_review' }, 3),
  cfb({ status: 'waiting_review' }, 5),
  cfb({ status: 'waiting_review' }, 1, { postalCodeTrigger: true }),
  cfb({ status: 'completed', outcome: 'Approved' }, 1),
  cfb({ status: 'completed', outcome: 'Denied' }, 2),
  cfb({ status: 'pending_step_up' }, 2),
  cfb({ status: 'pending_documents' }, 3),
  cfb({ status: 'pending_journey_application_review' }, 4),
  cfb({ status: 'running' }, 3),
  cfb({ status: 'data_request' }, 2),
  cfb(null, 2),
];

/** How many indexes the fixed scenario table takes. */
export const fixedScenarioCount = fixedScenarios.length;

const randomJourneys: readonly (readonly [JourneyPlan | null, number])[] = [
  [{ status: 'waiting_review' }, 30],
  [{ status: 'completed', outcome: 'Approved' }, 20],
  [{ status: 'completed', outcome: 'Denied' }, 8],
  [{ status: 'pending_step_up' }, 10],
  [{ status: 'pending_documents' }, 8],
  [{ status: 'pending_journey_application_review' }, 7],
  [{ status: 'running' }, 7],
  [{ status: 'data_request' }, 5],
  [null, 5],
];

const randomKyb: readonly (readonly [KybVerificationStatus, number])[] = [
  ['REVIEW_NEEDED', 35],
  ['VERIFIED', 30],
  ['IN_PROGRESS', 15],
  ['NOT_STARTED', 10],
  ['REJECTED', 10],
];

interface MixRolls {
  capa: boolean;
  business: boolean;
  pairRoll: number;
}

function mixRolls(seed: number, index: number): MixRolls {
  const rng = new Rng(seed, index, STREAM_MIX);
  const capa = rng.next() < 0.6;
  const typeRoll = rng.next();
  return { capa, business: typeRoll < (capa ? 0.08 : 0.25), pairRoll: rng.next() };
}

/** The KYC scenario of a random-part Capa individual, or null when the session was not completed. */
function randomCapaSpec(seed: number, index: number): KycSpec | null {
  const rng = new Rng(seed, index, STREAM_SPEC);
  const completed = rng.chance(0.92);
  const spec = randomKycSpec(rng);
  return completed ? spec : null;
}

function personAt(seed: number, index: number, epochMs: number, options: PersonOptions = {}): Person {
  return makePerson(new Rng(seed, index, STREAM_PERSON), epochMs, options);
}

function pairPerson(seed: number, pair: string, epochMs: number): Person {
  return makePerson(new Rng(seed, hashString(`pair:${pair}`), STREAM_PERSON), epochMs, pairs[pair] ?? {});
}

/**
 * In the random part, about 4% of connectFi individuals right after a Capa individual are the same person, when
 * that person can be matched on name (not Chinese, whose name order differs between the providers' fields) and
 * the Capa payload keeps the birth date in ISO form.
 */
function pairsWithPrevious(seed: number, index: number, size: number, epochMs: number): boolean {
  if (index - 1 < fixedScenarioCount || index >= size) return false;
  const rolls = mixRolls(seed, index);
  if (rolls.capa || rolls.business || rolls.pairRoll >= 0.04) return false;
  const previous = mixRolls(seed, index - 1);
  if (!previous.capa || previous.business) return false;
  const spec = randomCapaSpec(seed, index - 1);
  if (!spec || spec.odd.includes('odd-date-format')) return false;
  return personAt(seed, index - 1, epochMs).script !== 'chinese';
}

export type PopulationSubject =
  | { provider: 'capa'; index: number; subject: CapaUserSeed }
  | { provider: 'connectfi'; index: number; subject: ConnectfiCustomerSeed };

function withPairTag<T extends { scenarioTags: string[] }>(seed: T, pair: string): T {
  seed.scenarioTags.push(`cross-provider:${pair}`);
  return seed;
}

function fromScenario(seed: number, index: number, epochMs: number, scenario: Scenario): PopulationSubject {
  const rng = new Rng(seed, index, STREAM_SUBJECT);
  switch (scenario.kind) {
    case 'business':
      if (scenario.provider === 'capa') {
        return {
          provider: 'capa',
          index,
          subject: capaBusiness(rng, epochMs, scenario.kyb, scenario.owners),
        };
      } else {
        const shared = scenario.pair ? pairPerson(seed, scenario.pair, epochMs) : undefined;
        const subject = connectfiBusiness(rng, epochMs, {
          ...scenario.plan,
          ...(shared ? { sharedRepresentative: shared } : {}),
        });
        return {
          provider: 'connectfi',
          index,
          subject: scenario.pair ? withPairTag(subject, scenario.pair) : subject,
        };
      }
    case 'individual': {
      const person = scenario.pair
        ? pairPerson(seed, scenario.pair, epochMs)
        : personAt(seed, index, epochMs, scenario.person);
      const crossProvider = scenario.pair !== undefined;
      if (scenario.provider === 'capa') {
        const subject = capaIndividual(rng, person, epochMs, { kyc: scenario.kyc, crossProvider });
        return {
          provider: 'capa',
          index,
          subject: scenario.pair ? withPairTag(subject, scenario.pair) : subject,
        };
      }
      const subject = connectfiIndividual(rng, person, scenario.journey, { crossProvider });
      return {
        provider: 'connectfi',
        index,
        subject: scenario.pair ? withPairTag(subject, scenario.pair) : subject,
      };
    }
  }
}

function randomSubject(seed: number, index: number, size: number, epochMs: number): PopulationSubject {
  const rolls = mixRolls(seed, index);
  const rng = new Rng(seed, index, STREAM_SUBJECT);
  if (rolls.capa) {
    if (rolls.business) {
      return {
        provider: 'capa',
        index,
        subject: capaBusiness(rng, epochMs, rng.weighted(randomKyb), rng.int(1, 4)),
      };
    }
    const pairedWithNext = pairsWithPrevious(seed, index + 1, size, epochMs);
    const subject = capaIndividual(rng, personAt(seed, index, epochMs), epochMs, {
      kyc: randomCapaSpec(seed, index),
      crossProvider: pairedWithNext,
    });
    return { provider: 'capa', index, subject: pairedWithNext ? withPairTag(subject, `p${index}`) : subject };
  }
  const journey = rng.weighted(randomJourneys);
  if (rolls.business) {
    return {
      provider: 'connectfi',
      index,
      subject: connectfiBusiness(rng, epochMs, { journey, representatives: rng.int(1, 5) }),
    };
  }
  if (pairsWithPrevious(seed, index, size, epochMs)) {
    const subject = connectfiIndividual(rng, personAt(seed, index - 1, epochMs), journey, {
      crossProvider: true,
    });
    return { provider: 'connectfi', index, subject: withPairTag(subject, `p${index - 1}`) };
  }
  const person = personAt(seed, index, epochMs, { origin: rng.weighted(connectfiOriginWeights) });
  return {
    provider: 'connectfi',
    index,
    subject: connectfiIndividual(rng, person, journey, { crossProvider: false }),
  };
}

function epochMsOf(epoch: string): number {
  const ms = Date.parse(epoch);
  if (!Number.isFinite(ms)) throw new RangeError(`epoch must be an ISO date-time, got "${epoch}"`);
  return ms;
}

function subjectAtEpoch(params: PopulationParams, epochMs: number, index: number): PopulationSubject {
  const scenario = fixedScenarios[index];
  const entry = scenario
    ? fromScenario(params.seed, index, epochMs, scenario)
    : randomSubject(params.seed, index, params.size, epochMs);
  entry.subject.scenarioTags = internTags(entry.subject.scenarioTags);
  return entry;
}

/** The subject at `index` of the population with these parameters, produced on its own. */
export function subjectAt(params: PopulationParams, index: number): PopulationSubject {
  if (!Number.isInteger(index) || index < 0 || index >= params.size) {
    throw new RangeError(`index must be an integer in [0, ${params.size})`);
  }
  return subjectAtEpoch(params, epochMsOf(params.epoch), index);
}

export function generatePopulation(params: PopulationParams): Population {
  if (!Number.isInteger(params.size) || params.size < 0)
    throw new RangeError('size must be a non-negative integer');
  if (!Number.isInteger(params.seed)) throw new RangeError('seed must be an integer');
  const epochMs = epochMsOf(params.epoch);
  const population: Population = { capa: [], connectfi: [] };
  for (let index = 0; index < params.size; index++) {
    const entry = subjectAtEpoch(params, epochMs, index);
    if (entry.provider === 'capa') population.capa.push(entry.subject);
    else population.connectfi.push(entry.subject);
  }
  return population;
}
