// Webhooks and the reviewers' side of connectFi: a callback for every status change of a journey with a
// webhookURL (identification, the asynchronous screening, update, reviewers, control moves), in the order the
// changes happened, none when nothing changed; replays through the control API; failed deliveries kept.

import { afterEach, describe, expect, it } from 'vitest';
import type { AkepaJourney, ConnectfiCustomerSeed } from '../src/connectfi/model';
import {
  businessBody,
  type Harness,
  hex32,
  individualBody,
  primaryAddress,
  representative,
  startConnectfi,
  startReceiver,
  uploadedDocument,
} from './connectfi-harness';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let h: Harness;
let receiver: Receiver;

afterEach(async () => {
  await h.close();
  await receiver.close();
});

async function init(body: unknown): Promise<string> {
  return ((await h.post('/customer/init', body)).json.data as { customerId: string }).customerId;
}

/** Every callback sent so far has been answered: counting them now means "exactly". */
const idle = () => h.server.webhooksIdle();

async function linkLicence(customerId: string, entityId = customerId) {
  const front = await uploadedDocument(h, 'front');
  const back = await uploadedDocument(h, 'back');
  return h.post('/akepa/update', {
    customerId,
    documents: [
      { entityId, documentId: front, view: 'front' },
      { entityId, documentId: back, view: 'back' },
    ],
  });
}

describe('asynchronous identification (syncMode: true)', () => {
  it('answers running, calls back with running, then with the screening result', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(businessBody([representative('Lee', { id: 'RepOk' })]));
    const response = await h.post('/akepa/identification', {
      customerId,
      syncMode: true,
      webhookURL: receiver.url,
    });
    const journey = response.json.data as { applicationId: string };
    expect(response.json.data).toEqual({
      applicationId: journey.applicationId,
      aggregatorId: 'amplifi',
      customerId,
      status: 'running',
      outcome: null,
      entityApplications: [
        { entityId: 'RepOk', isCustomer: false, status: 'running', outcome: null },
        { entityId: customerId, isCustomer: true, status: 'running', outcome: null },
      ],
    });

    await receiver.waitFor(2);
    await idle();
    expect(receiver.statuses()).toEqual(['running', 'completed']);
    const webhook = receiver.received[1];
    expect(webhook?.headers['content-type']).toBe('application/json');
    expect(webhook?.headers['x-connectfi-token']).toBeUndefined();
    expect(webhook?.body).toEqual({
      code: '0',
      data: {
        applicationId: journey.applicationId,
        aggregatorId: 'amplifi',
        customerId,
        reference: null,
        status: 'completed',
        outcome: 'Approved',
        entityApplications: [
          { entityId: 'RepOk', isCustomer: false, status: 'completed', outcome: 'approved' },
          { entityId: customerId, isCustomer: true, status: 'completed', outcome: 'approved' },
        ],
      },
      requestId: expect.stringMatching(hex32),
    });
    expect((await h.get(`/akepa/status/${customerId}`)).json.data).toMatchObject({ status: 'completed' });
    expect(h.server.store.webhookDeliveries).toMatchObject([
      { url: receiver.url, customerId, status: 'running', outcome: null, responseStatus: 200 },
      {
        url: receiver.url,
        customerId,
        status: 'completed',
        outcome: 'Approved',
        responseStatus: 200,
        error: null,
      },
    ]);
  });

  it('delivers a Denied result the same way', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(individualBody('Denied'));
    await h.post('/akepa/identification', { customerId, syncMode: true, webhookURL: receiver.url });
    await receiver.waitFor(2);
    expect(receiver.received[1]?.body.data).toMatchObject({ status: 'completed', outcome: 'Denied' });
  });
});

describe('synchronous requests', () => {
  it('call back after identification, after an update that moves the journey, and after the reviewers', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(individualBody('WaitReview'));
    const started = await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    expect(started.json.data).toMatchObject({ status: 'pending_step_up' });
    await receiver.waitFor(1);
    expect(receiver.received[0]?.body.data).toMatchObject({
      customerId,
      status: 'pending_step_up',
      outcome: null,
      entityApplications: [{ entityId: customerId, status: 'pending_step_up', outcome: null }],
    });

    // A repeated identification and a front alone change nothing: no callback.
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    const front = await uploadedDocument(h, 'front');
    const partial = await h.post('/akepa/update', {
      customerId,
      documents: [{ entityId: customerId, documentId: front, view: 'front' }],
    });
    expect(partial.json.data).toMatchObject({ status: 'pending_step_up' });
    await idle();
    expect(receiver.statuses()).toEqual(['pending_step_up']);

    const back = await uploadedDocument(h, 'back');
    const updated = await h.post('/akepa/update', {
      customerId,
      documents: [{ entityId: customerId, documentId: back, view: 'back' }],
    });
    expect(updated.json.data).toMatchObject({ status: 'waiting_review' });
    await receiver.waitFor(2);
    expect(receiver.received[1]?.body.data).toMatchObject({
      status: 'waiting_review',
      entityApplications: [{ entityId: customerId, status: 'waiting_review' }],
    });

    const resolved = await h.post(
      `/_sandbox/connectfi/customers/${customerId}/resolve`,
      { outcome: 'Approved' },
      '',
    );
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json.data).toMatchObject({
      status: 'completed',
      outcome: 'Approved',
      entityApplications: [{ entityId: customerId, status: 'completed', outcome: 'approved' }],
    });
    await receiver.waitFor(3);
    await idle();
    expect(receiver.statuses()).toEqual(['pending_step_up', 'waiting_review', 'completed']);
    expect(receiver.received[2]?.body.data).toMatchObject({ customerId, outcome: 'Approved' });
  });

  it('call back once for a result that is final at identification', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(individualBody('Denied'));
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    await receiver.waitFor(1);
    await idle();
    expect(receiver.received.map((r) => r.body.data)).toMatchObject([
      { customerId, status: 'completed', outcome: 'Denied' },
    ]);
  });

  it("call back when a business representative's documents move the business journey", async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(businessBody([representative('WaitReview', { id: 'RepWait' })]));
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    const updated = await linkLicence(customerId, 'RepWait');
    expect(updated.json.data).toMatchObject({ status: 'waiting_review' });
    await receiver.waitFor(2);
    await idle();
    expect(receiver.statuses()).toEqual(['pending_step_up', 'waiting_review']);
    expect(receiver.received[1]?.body.data.entityApplications).toEqual([
      { entityId: 'RepWait', isCustomer: false, status: 'waiting_review', outcome: null },
      { entityId: customerId, isCustomer: true, status: 'completed', outcome: 'approved' },
    ]);
  });

  it('send nothing for a journey started without a webhookURL', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(individualBody('WaitReview'));
    await h.post('/akepa/identification', { customerId });
    await linkLicence(customerId);
    await h.post(`/_sandbox/connectfi/customers/${customerId}/resolve`, { outcome: 'Denied' }, '');
    await idle();
    expect(h.server.store.webhookDeliveries).toEqual([]);
  });
});

describe('order of callbacks', () => {
  it("sends a journey's callbacks one after the other, in the order of its changes", async () => {
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    h = await startConnectfi();
    receiver = await startReceiver(200, gate);
    const customerId = await init(individualBody('WaitReview'));
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    await linkLicence(customerId);
    await h.post(`/_sandbox/connectfi/customers/${customerId}/resolve`, { outcome: 'Denied' }, '');
    await receiver.waitFor(1);
    // The first callback is unanswered: the two later changes wait behind it instead of racing it.
    expect(h.server.queuedWebhooks()).toBe(2);
    expect(receiver.received).toHaveLength(1);
    open();
    await receiver.waitFor(3);
    await idle();
    expect(receiver.statuses()).toEqual(['pending_step_up', 'waiting_review', 'completed']);
    expect(receiver.stats.mostAtOnce).toBe(1);
    // Each callback carries the state of its own change, not the latest one.
    expect(receiver.received.map((r) => r.body.data.outcome)).toEqual([null, null, 'Denied']);
  });
});

describe('control API', () => {
  it('resolve Denied completes the entities under review as denied and keeps the others', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(businessBody([representative('Lee', { id: 'RepOk' })], '00000'));
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    const resolved = await h.post(
      `/_sandbox/connectfi/customers/${customerId}/resolve`,
      { outcome: 'Denied' },
      '',
    );
    expect(resolved.json.data).toMatchObject({
      status: 'completed',
      outcome: 'Denied',
      entityApplications: [
        { entityId: 'RepOk', status: 'completed', outcome: 'approved' },
        { entityId: customerId, status: 'completed', outcome: 'denied' },
      ],
    });
    await receiver.waitFor(2);
    expect(receiver.statuses()).toEqual(['waiting_review', 'completed']);
    expect(receiver.received[1]?.body.data).toMatchObject({ status: 'completed', outcome: 'Denied' });
  });

  it('resolve refuses a journey that is not under review, and an unknown one', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(individualBody());
    await h.post('/akepa/identification', { customerId });
    const done = await h.post(
      `/_sandbox/connectfi/customers/${customerId}/resolve`,
      { outcome: 'Approved' },
      '',
    );
    expect(done.statusCode).toBe(409);
    expect(done.json.code).toBe('journeyNotUnderReview');
    const unknown = await h.post(
      '/_sandbox/connectfi/customers/cstap_none/resolve',
      { outcome: 'Approved' },
      '',
    );
    expect(unknown.json.code).toBe('identificationNotFound');
    const bad = await h.post(
      `/_sandbox/connectfi/customers/${customerId}/resolve`,
      { outcome: 'approved' },
      '',
    );
    expect(bad.json.code).toBe('requestValidateError');
  });

  it('status moves a journey and its entities, one webhook per change and none for no change', async () => {
    h = await startConnectfi();
    receiver = await startReceiver();
    const customerId = await init(businessBody([representative('Lee', { id: 'Rep1' })]));
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    const move = {
      status: 'waiting_review',
      entityApplications: [{ entityId: 'Rep1', status: 'waiting_review' }],
    };
    const moved = await h.post(`/_sandbox/connectfi/customers/${customerId}/status`, move, '');
    expect(moved.json.data).toMatchObject({
      status: 'waiting_review',
      outcome: null,
      entityApplications: [
        { entityId: 'Rep1', status: 'waiting_review', outcome: null },
        { entityId: customerId, status: 'completed', outcome: 'approved' },
      ],
    });
    await h.post(`/_sandbox/connectfi/customers/${customerId}/status`, move, '');
    await h.post(`/_sandbox/connectfi/customers/${customerId}/status`, { status: 'data_request' }, '');
    await receiver.waitFor(3);
    await idle();
    expect(receiver.statuses()).toEqual(['completed', 'waiting_review', 'data_request']);

    const unknownEntity = await h.post(
      `/_sandbox/connectfi/customers/${customerId}/status`,
      { status: 'running', entityApplications: [{ entityId: 'nobody', status: 'running' }] },
      '',
    );
    expect(unknownEntity.json).toMatchObject({ code: 'entityNotFound' });
  });
});

function seed(
  customerId: string,
  lastName: string,
  status: AkepaJourney['status'] | null,
): ConnectfiCustomerSeed {
  return {
    customer: {
      kind: 'individual',
      customerId,
      firstName: 'Seed',
      lastName,
      dateOfBirth: '1980-01-01',
      email: `${customerId}@example.com`,
      addresses: [{ ...primaryAddress, type: 'PRIMARY' }],
    },
    journey:
      status === null
        ? null
        : {
            applicationId: `iapp_${customerId.slice(6)}`,
            aggregatorId: 'evolve',
            customerId,
            status,
            outcome: status === 'completed' ? 'Approved' : null,
            entityApplications: [
              {
                entityId: customerId,
                isCustomer: true,
                status: status === 'completed' ? 'completed' : 'waiting_review',
                outcome: status === 'completed' ? 'approved' : null,
              },
            ],
            reference: `ref-${customerId}`,
          },
    scenarioTags: ['seeded'],
  };
}

describe('seeded journeys', () => {
  const seeds = [
    seed('cstap_0000000000000000000001', 'One', 'waiting_review'),
    seed('cstap_0000000000000000000002', 'Two', 'completed'),
    seed('cstap_0000000000000000000003', 'Three', 'waiting_review'),
    seed('cstap_0000000000000000000004', 'Four', null),
  ];

  it('are served, and a seed without a journey has none yet', async () => {
    h = await startConnectfi({}, seeds);
    receiver = await startReceiver();
    expect((await h.get('/akepa/status/cstap_0000000000000000000001')).json.data).toMatchObject({
      aggregatorId: 'evolve',
      status: 'waiting_review',
    });
    expect((await h.get('/akepa/status/cstap_0000000000000000000004')).json.code).toBe(
      'identificationNotFound',
    );
    const started = await h.post('/akepa/identification', { customerId: 'cstap_0000000000000000000004' });
    expect(started.json.data).toMatchObject({ status: 'completed', outcome: 'Approved' });
  });

  it('replay-webhooks sends waiting_review journeys to the default webhook URL, with their reference', async () => {
    receiver = await startReceiver();
    h = await startConnectfi({ connectfiDefaultWebhookUrl: receiver.url }, seeds);
    const replay = await h.post('/_sandbox/connectfi/replay-webhooks', { status: 'waiting_review' }, '');
    expect(replay.json.data).toEqual({ attempted: 2, delivered: 2, failed: 0 });
    expect(receiver.received.map((r) => r.body.data.customerId).sort()).toEqual([
      'cstap_0000000000000000000001',
      'cstap_0000000000000000000003',
    ]);
    expect(receiver.received[0]?.body.data.reference).toMatch(/^ref-cstap_/);

    const all = await h.post('/_sandbox/connectfi/replay-webhooks', undefined, '');
    expect(all.json.data).toEqual({ attempted: 3, delivered: 3, failed: 0 });
  });

  it('replay-webhooks sends to a given url when the journeys have none', async () => {
    h = await startConnectfi({}, seeds);
    receiver = await startReceiver();
    const none = await h.post('/_sandbox/connectfi/replay-webhooks', {}, '');
    expect(none.json.data).toEqual({ attempted: 0, delivered: 0, failed: 0 });
    const given = await h.post(
      '/_sandbox/connectfi/replay-webhooks',
      { url: receiver.url, status: 'completed' },
      '',
    );
    expect(given.json.data).toEqual({ attempted: 1, delivered: 1, failed: 0 });
    expect(receiver.received[0]?.body.data).toMatchObject({ customerId: 'cstap_0000000000000000000002' });
    const invalid = await h.post('/_sandbox/connectfi/replay-webhooks', { url: 'not a url' }, '');
    expect(invalid.json).toMatchObject({ code: 'requestValidateError' });
  });
});

describe('failed deliveries', () => {
  it('are recorded once and not retried', async () => {
    receiver = await startReceiver(500);
    h = await startConnectfi();
    const customerId = await init(individualBody());
    await h.post('/akepa/identification', { customerId, webhookURL: receiver.url });
    await receiver.waitFor(1);
    await idle();
    expect(receiver.received).toHaveLength(1);
    expect(h.server.store.webhookDeliveries).toMatchObject([{ responseStatus: 500, error: null }]);
  });

  it('record a receiver that cannot be reached', async () => {
    receiver = await startReceiver();
    const closedUrl = receiver.url;
    await receiver.close();
    receiver = await startReceiver();
    h = await startConnectfi();
    const customerId = await init(individualBody());
    await h.post('/akepa/identification', { customerId, webhookURL: closedUrl });
    await idle();
    expect(h.server.store.webhookDeliveries).toMatchObject([
      { url: closedUrl, customerId, responseStatus: null, error: expect.any(String) },
    ]);
  });
});

describe('scenario index', () => {
  it('lists seeded and created customers with their current journey status', async () => {
    h = await startConnectfi({}, [seed('cstap_0000000000000000000001', 'One', 'waiting_review')]);
    receiver = await startReceiver();
    const created = await init(individualBody('Denied'));
    await h.post('/akepa/identification', { customerId: created });
    await h.post(
      '/_sandbox/connectfi/customers/cstap_0000000000000000000001/resolve',
      { outcome: 'Approved' },
      '',
    );
    const response = await h.server.app.inject({ method: 'GET', url: '/_sandbox/scenarios' });
    expect(response.json()).toEqual({
      count: 2,
      scenarios: [
        {
          provider: 'connectfi',
          id: 'cstap_0000000000000000000001',
          name: 'Seed One',
          subjectType: 'individual',
          status: 'completed:Approved',
          tags: ['seeded'],
        },
        {
          provider: 'connectfi',
          id: created,
          name: 'Ana Denied',
          subjectType: 'individual',
          status: 'completed:Denied',
          tags: ['connectfi', 'individual', 'created'],
        },
      ],
    });
  });
});
