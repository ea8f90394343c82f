// The documented sandbox triggers ("Testing KYC/KYB in the Sandbox"), each driven through its documented
// request order, with the journey checked after every step.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  businessBody,
  type Harness,
  individualBody,
  representative,
  startConnectfi,
  upload,
} from './connectfi-harness';

let h: Harness;

beforeEach(async () => {
  h = await startConnectfi();
});

afterEach(async () => {
  await h.close();
});

interface Journey {
  status: string;
  outcome: string | null;
  entityApplications: { entityId: string; isCustomer: boolean; status: string; outcome: string | null }[];
}

async function init(body: unknown): Promise<string> {
  const response = await h.post('/customer/init', body);
  expect(response.statusCode).toBe(200);
  return (response.json.data as { customerId: string }).customerId;
}

async function identify(customerId: string): Promise<Journey> {
  const response = await h.post('/akepa/identification', { customerId });
  expect(response.statusCode).toBe(200);
  return response.json.data as Journey;
}

async function status(customerId: string): Promise<Journey> {
  const response = await h.get(`/akepa/status/${customerId}`);
  expect(response.statusCode).toBe(200);
  return response.json.data as Journey;
}

function summary(journey: Journey) {
  return {
    status: journey.status,
    outcome: journey.outcome,
    entities: Object.fromEntries(
      journey.entityApplications.map((e) => [
        e.entityId,
        `${e.isCustomer ? 'customer' : 'rep'}:${e.status}:${e.outcome}`,
      ]),
    ),
  };
}

/** generate front, generate back, upload front, upload back: the documented order. The journey must not move. */
async function frontAndBack(
  customerId: string,
  workflow: 'PERSONAL' | 'BUSINESS',
): Promise<[string, string]> {
  const before = summary(await status(customerId));
  const ids: string[] = [];
  for (const name of ['front', 'back']) {
    const generated = await h.post('/akepa/document/generate', {
      workflow,
      name,
      extension: 'jpg',
      type: 'license',
    });
    expect(generated.json.data).toMatchObject({ uploadStatus: false });
    ids.push((generated.json.data as { id: string }).id);
    expect(summary(await status(customerId))).toEqual(before);
  }
  for (const id of ids) {
    expect((await upload(h, id)).json.data).toMatchObject({ id, uploadStatus: true });
    expect(summary(await status(customerId))).toEqual(before);
  }
  return [ids[0] as string, ids[1] as string];
}

async function update(
  customerId: string,
  entityId: string,
  [front, back]: [string, string],
): Promise<Journey> {
  const response = await h.post('/akepa/update', {
    customerId,
    documents: [
      { entityId, documentId: front, view: 'front' },
      { entityId, documentId: back, view: 'back' },
    ],
  });
  expect(response.statusCode).toBe(200);
  return response.json.data as Journey;
}

describe('individual customers', () => {
  it('lastName "Denied": Denied after /customer/init, /akepa/identification', async () => {
    const id = await init(individualBody('Denied'));
    const expected = {
      status: 'completed',
      outcome: 'Denied',
      entities: { [id]: 'customer:completed:denied' },
    };
    expect(summary(await identify(id))).toEqual(expected);
    expect(summary(await status(id))).toEqual(expected);
  });

  it('lastName "WaitReview": pending_step_up, then waiting_review after generate×2, upload×2, update', async () => {
    const id = await init(individualBody('WaitReview'));
    const pending = {
      status: 'pending_step_up',
      outcome: null,
      entities: { [id]: 'customer:pending_step_up:null' },
    };
    expect(summary(await identify(id))).toEqual(pending);
    const documents = await frontAndBack(id, 'PERSONAL');
    const review = {
      status: 'waiting_review',
      outcome: null,
      entities: { [id]: 'customer:waiting_review:null' },
    };
    expect(summary(await update(id, id, documents))).toEqual(review);
    expect(summary(await status(id))).toEqual(review);
  });

  it('lastName "WaitReview": one view is not enough, the back completes the step-up', async () => {
    const id = await init(individualBody('WaitReview'));
    await identify(id);
    const [front, back] = await frontAndBack(id, 'PERSONAL');
    const frontOnly = await h.post('/akepa/update', {
      customerId: id,
      documents: [{ entityId: id, documentId: front, view: 'front' }],
    });
    expect((frontOnly.json.data as Journey).status).toBe('pending_step_up');
    const backToo = await h.post('/akepa/update', {
      customerId: id,
      documents: [{ entityId: id, documentId: back, view: 'back' }],
    });
    expect((backToo.json.data as Journey).status).toBe('waiting_review');
  });

  it('anyone else: completed/Approved right after identification', async () => {
    const id = await init(individualBody('Rivera'));
    expect(summary(await identify(id))).toEqual({
      status: 'completed',
      outcome: 'Approved',
      entities: { [id]: 'customer:completed:approved' },
    });
  });
});

describe('business customers', () => {
  it('a representative with lastName "Denied" denies the whole journey though the business passes', async () => {
    const id = await init(
      businessBody([representative('Denied', { id: 'RepDenied' }), representative('Lee', { id: 'RepOk' })]),
    );
    const expected = {
      status: 'completed',
      outcome: 'Denied',
      entities: {
        RepDenied: 'rep:completed:denied',
        RepOk: 'rep:completed:approved',
        [id]: 'customer:completed:approved',
      },
    };
    expect(summary(await identify(id))).toEqual(expected);
    expect(summary(await status(id))).toEqual(expected);
  });

  it('a representative with lastName "WaitReview": pending_step_up, then waiting_review after their documents', async () => {
    const id = await init(
      businessBody([
        representative('WaitReview', { id: 'ExtBusRepId123' }),
        representative('Lee', { id: 'RepOk' }),
      ]),
    );
    expect(summary(await identify(id))).toEqual({
      status: 'pending_step_up',
      outcome: null,
      entities: {
        ExtBusRepId123: 'rep:pending_step_up:null',
        RepOk: 'rep:completed:approved',
        [id]: 'customer:completed:approved',
      },
    });
    const documents = await frontAndBack(id, 'PERSONAL');
    const review = {
      status: 'waiting_review',
      outcome: null,
      entities: {
        ExtBusRepId123: 'rep:waiting_review:null',
        RepOk: 'rep:completed:approved',
        [id]: 'customer:completed:approved',
      },
    };
    expect(summary(await update(id, 'ExtBusRepId123', documents))).toEqual(review);
    expect(summary(await status(id))).toEqual(review);
  });

  it('PRIMARY business address postalCode "00000": waiting_review right after identification', async () => {
    const id = await init(businessBody([representative('Lee', { id: 'RepOk' })], '00000'));
    const expected = {
      status: 'waiting_review',
      outcome: null,
      entities: { RepOk: 'rep:completed:approved', [id]: 'customer:waiting_review:null' },
    };
    expect(summary(await identify(id))).toEqual(expected);
    expect(summary(await status(id))).toEqual(expected);
  });

  it('"00000" only counts on the PRIMARY address', async () => {
    const body = businessBody([representative('Lee')]);
    body.addresses.push({
      ...body.addresses[0],
      type: 'MAILING',
      postalCode: '00000',
    } as (typeof body.addresses)[0]);
    const id = await init(body);
    expect((await identify(id)).outcome).toBe('Approved');
  });

  it('anyone else: completed/Approved with every entity approved', async () => {
    const id = await init(
      businessBody([representative('Lee', { id: 'A1' }), representative('Kim', { id: 'A2' })]),
    );
    expect(summary(await identify(id))).toEqual({
      status: 'completed',
      outcome: 'Approved',
      entities: {
        A1: 'rep:completed:approved',
        A2: 'rep:completed:approved',
        [id]: 'customer:completed:approved',
      },
    });
  });
});
