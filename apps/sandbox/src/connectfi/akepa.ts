// Akepa journeys: identification, document updates, and the changes connectFi makes on its own (its reviewers'
// decisions, moves through the control API).
//
// Timing. connectFi's examples answer /akepa/identification with the screening already done (a representative
// in pending_step_up next to a business entity already completed/approved) and /akepa/update with the journey
// already completed. So by default every screening result, Denied and Approved included, is in the response
// itself. The documented `syncMode: true` ("true if asynchronous") asks for the other mode: the response shows
// the journey `running`, and the screening result lands a few milliseconds later.
//
// Callbacks. The page says the system "will perform a callback to your webhookURL every time the KYC status
// changes", and that the URL "will be called after the KYC/KYB process initialization". So a journey with a
// webhookURL gets one callback when identification starts it, and one for every later change of its status,
// its outcome or an entity's status or outcome, wherever the change comes from: /akepa/identification,
// /akepa/update, the asynchronous screening, a reviewer's resolution or a control-API move. A request that
// changes nothing (a repeated identification, an update that leaves every entity waiting) sends none.

import { ConnectfiError, customerNotFound, documentNotFound, identificationNotFound } from './envelope';
import type { ConnectfiIds } from './ids';
import type { AkepaJourney, ConnectfiCustomer, EntityApplication, EntityOutcome } from './model';
import type { IdentificationBody, MoveJourneyBody, UpdateBody } from './schemas';
import { applicationEntityIds, journeyResult, type ScreeningStage, screenEntity } from './screening';
import type { ConnectfiStore } from './store';
import type { WebhookNotifier } from './webhooks';

/** The journey as connectFi's endpoints return it (the webhook URL and partner reference stay inside). */
export function journeyView(journey: AkepaJourney) {
  return {
    applicationId: journey.applicationId,
    aggregatorId: journey.aggregatorId,
    customerId: journey.customerId,
    status: journey.status,
    outcome: journey.outcome,
    entityApplications: journey.entityApplications.map((e) => ({ ...e })),
  };
}

const entityNotFound = (entityId: string) =>
  new ConnectfiError(400, 'entityNotFound', `Entity ${entityId} not found`, { context: { entityId } });

const duplicateEntityIds = () =>
  new ConnectfiError(400, 'extAkepa', 'Multiple entities cannot have the same external_entity_id.', {
    subCode: 4091,
  });

const entityCompleted = (entityId: string) =>
  new ConnectfiError(400, 'statusApplicationEntity', `Entity ${entityId} has status completed`);

const notUnderReview = (journey: AkepaJourney) =>
  new ConnectfiError(
    409,
    'journeyNotUnderReview',
    `Journey ${journey.applicationId} has status ${journey.status}`,
  );

/** What a callback reports: a change in any of it is a status change. */
function stateOf(journey: AkepaJourney): string {
  return JSON.stringify([
    journey.status,
    journey.outcome,
    journey.entityApplications.map((e) => [e.entityId, e.status, e.outcome]),
  ]);
}

/** Entities waiting on documents move on once a front and a back view are linked to them. */
const awaitingDocuments = new Set(['pending_step_up', 'pending_documents']);

export interface AkepaJourneysOptions {
  store: ConnectfiStore;
  ids: ConnectfiIds;
  notifier: WebhookNotifier;
  aggregatorId?: string;
  /** How long an asynchronous (syncMode: true) screening stays `running`. */
  asyncScreeningDelayMs?: number;
}

export class AkepaJourneys {
  private readonly store: ConnectfiStore;
  private readonly ids: ConnectfiIds;
  private readonly notifier: WebhookNotifier;
  private readonly aggregatorId: string;
  private readonly asyncScreeningDelayMs: number;
  private readonly pendingScreenings = new Map<string, NodeJS.Timeout>();

  constructor(options: AkepaJourneysOptions) {
    this.store = options.store;
    this.ids = options.ids;
    this.notifier = options.notifier;
    this.aggregatorId = options.aggregatorId ?? 'amplifi';
    this.asyncScreeningDelayMs = options.asyncScreeningDelayMs ?? 10;
  }

  find(customerId: string, applicationId?: string): AkepaJourney {
    const journey = this.store.journeys.get(customerId);
    if (journey === undefined) throw identificationNotFound({ customerId });
    if (applicationId !== undefined && journey.applicationId !== applicationId) {
      throw identificationNotFound({ customerId, applicationId });
    }
    return journey;
  }

  /** Starts a customer's journey. connectFi keeps one application per customer: a repeat returns it as it is. */
  identify(body: IdentificationBody): AkepaJourney {
    const existing = this.store.journeys.get(body.customerId);
    if (existing !== undefined) return existing;
    const customer = this.store.customers.get(body.customerId);
    if (customer === undefined) throw customerNotFound(body.customerId);
    const entities = applicationEntityIds(customer);
    if (new Set(entities.map((e) => e.entityId)).size !== entities.length) throw duplicateEntityIds();

    const journey: AkepaJourney = {
      applicationId: this.ids.applicationId(),
      aggregatorId: this.aggregatorId,
      customerId: customer.customerId,
      status: 'running',
      outcome: null,
      entityApplications: entities.map((e) => ({ ...e, status: 'running', outcome: null })),
    };
    if (body.webhookURL !== undefined) journey.webhookURL = body.webhookURL;
    this.store.journeys.set(customer.customerId, journey);

    if (body.syncMode === true) this.screenLater(journey, customer);
    else this.screen(journey, customer, journey.entityApplications, 'identification');
    this.notifier.notify(journey);
    return journey;
  }

  /** Links uploaded documents to entities; entities that have their documents are screened again at once. */
  update(body: UpdateBody): AkepaJourney {
    const journey = this.find(body.customerId);
    const customer = this.customerOf(journey);
    const links = body.documents ?? [];
    // Everything is checked before anything changes, so a rejected update links nothing.
    const entities = links.map((link) => {
      const entity = journey.entityApplications.find((e) => e.entityId === link.entityId);
      if (entity === undefined) throw entityNotFound(link.entityId);
      if (entity.status === 'completed') throw entityCompleted(entity.entityId);
      if (this.store.documents.get(link.documentId)?.uploadStatus !== true)
        throw documentNotFound(link.documentId);
      return entity;
    });

    const ready = new Set<EntityApplication>();
    links.forEach((link, i) => {
      const entity = entities[i];
      const views = this.store.linkView(journey.applicationId, link.entityId, link.view);
      if (entity && awaitingDocuments.has(entity.status) && views.has('front') && views.has('back'))
        ready.add(entity);
    });
    if (ready.size > 0) {
      const before = stateOf(journey);
      this.screen(journey, customer, [...ready], 'documents');
      if (stateOf(journey) !== before) this.notifier.notify(journey);
    }
    return journey;
  }

  /** connectFi's reviewers decide a journey under review: every open entity completes with that outcome. */
  resolve(customerId: string, outcome: 'Approved' | 'Denied'): AkepaJourney {
    const journey = this.find(customerId);
    if (journey.status !== 'waiting_review' && journey.status !== 'pending_journey_application_review') {
      throw notUnderReview(journey);
    }
    const entityOutcome: EntityOutcome = outcome === 'Approved' ? 'approved' : 'denied';
    for (const entity of journey.entityApplications) {
      if (entity.status !== 'completed')
        Object.assign(entity, { status: 'completed', outcome: entityOutcome });
    }
    Object.assign(journey, journeyResult(journey.entityApplications));
    this.notifier.notify(journey);
    return journey;
  }

  /** Puts a journey (and optionally some of its entities) into the given state; one webhook if anything changed. */
  move(customerId: string, body: MoveJourneyBody): AkepaJourney {
    const journey = this.find(customerId);
    const changes = (body.entityApplications ?? []).map((change) => {
      const entity = journey.entityApplications.find((e) => e.entityId === change.entityId);
      if (entity === undefined) throw entityNotFound(change.entityId);
      return { entity, change };
    });
    const before = stateOf(journey);
    for (const { entity, change } of changes) {
      entity.status = change.status;
      entity.outcome =
        change.outcome !== undefined ? change.outcome : change.status === 'completed' ? 'approved' : null;
    }
    journey.status = body.status;
    if (body.outcome !== undefined) journey.outcome = body.outcome;
    else if (body.status !== 'completed') journey.outcome = null;
    else
      journey.outcome = journey.entityApplications.some((e) => e.outcome === 'denied')
        ? 'Denied'
        : 'Approved';
    this.cancelScreening(journey);
    if (stateOf(journey) !== before) this.notifier.notify(journey);
    return journey;
  }

  close(): void {
    for (const timer of this.pendingScreenings.values()) clearTimeout(timer);
    this.pendingScreenings.clear();
  }

  private customerOf(journey: AkepaJourney): ConnectfiCustomer {
    const customer = this.store.customers.get(journey.customerId);
    if (customer === undefined) throw identificationNotFound({ customerId: journey.customerId });
    return customer;
  }

  private screen(
    journey: AkepaJourney,
    customer: ConnectfiCustomer,
    entities: Iterable<EntityApplication>,
    stage: ScreeningStage,
  ): void {
    for (const entity of entities) {
      const result = screenEntity(customer, entity.entityId, stage);
      // An entity id that belongs to no one (possible only in seeded data) passes, like anyone untriggered.
      Object.assign(entity, result ?? { status: 'completed', outcome: 'approved' });
    }
    Object.assign(journey, journeyResult(journey.entityApplications));
  }

  private screenLater(journey: AkepaJourney, customer: ConnectfiCustomer): void {
    const timer = setTimeout(() => {
      this.pendingScreenings.delete(journey.applicationId);
      if (this.store.journeys.get(journey.customerId) !== journey) return;
      const before = stateOf(journey);
      this.screen(journey, customer, journey.entityApplications, 'identification');
      if (stateOf(journey) !== before) this.notifier.notify(journey);
    }, this.asyncScreeningDelayMs);
    this.pendingScreenings.set(journey.applicationId, timer);
  }

  private cancelScreening(journey: AkepaJourney): void {
    const timer = this.pendingScreenings.get(journey.applicationId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.pendingScreenings.delete(journey.applicationId);
  }
}
