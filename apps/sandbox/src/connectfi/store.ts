import type {
  AkepaJourney,
  ConnectfiCustomer,
  ConnectfiCustomerSeed,
  JourneyOutcome,
  JourneyStatus,
} from './model';
import type { DocumentType, DocumentView } from './schemas';

export interface StoredDocument {
  id: string;
  aggregatorId: string;
  uploadStatus: boolean;
  workflow: 'BUSINESS' | 'PERSONAL';
  name: string;
  extension: 'jpg' | 'png';
  type: DocumentType;
  dtsCreatedAt: string;
  note?: string;
  note_author_agent_email?: string;
  /** What was uploaded (metadata only: the sandbox has no use for the bytes). */
  file?: { filename: string; mimetype: string; size: number };
}

/** One webhook POST the sandbox attempted; connectFi does not retry, so a failure stays a failure. */
export interface WebhookDelivery {
  url: string;
  requestId: string;
  customerId: string;
  applicationId: string;
  status: JourneyStatus;
  outcome: JourneyOutcome;
  sentAt: string;
  /** The receiver's HTTP status, or null when no answer came (refused, timed out, invalid URL). */
  responseStatus: number | null;
  error: string | null;
}

/** The connectFi sandbox's state, in memory: customers, Akepa journeys (one per customer), documents. */
export class ConnectfiStore {
  readonly customers = new Map<string, ConnectfiCustomer>();
  /** Keyed by customerId: connectFi keeps one Akepa application per customer. */
  readonly journeys = new Map<string, AkepaJourney>();
  readonly documents = new Map<string, StoredDocument>();
  /** Document views linked to each entity by /akepa/update, keyed by applicationId then entityId. */
  readonly linkedViews = new Map<string, Map<string, Set<DocumentView>>>();
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** Scenario tags and partner ids of seeded customers, for the scenario index. */
  readonly seedLabels = new Map<string, Pick<ConnectfiCustomerSeed, 'scenarioTags' | 'externalUserId'>>();

  static fromSeeds(
    seeds: readonly ConnectfiCustomerSeed[],
    defaultWebhookUrl: string | null,
  ): ConnectfiStore {
    const store = new ConnectfiStore();
    for (const seed of seeds) {
      store.customers.set(seed.customer.customerId, structuredClone(seed.customer));
      store.seedLabels.set(seed.customer.customerId, {
        scenarioTags: seed.scenarioTags,
        ...(seed.externalUserId === undefined ? {} : { externalUserId: seed.externalUserId }),
      });
      if (seed.journey === null) continue;
      const journey = structuredClone(seed.journey);
      if (defaultWebhookUrl !== null) journey.webhookURL = defaultWebhookUrl;
      store.journeys.set(journey.customerId, journey);
    }
    return store;
  }

  /** Every customer as a seed with its current journey, so the scenario index shows live statuses. */
  *currentSeeds(): Iterable<ConnectfiCustomerSeed> {
    for (const customer of this.customers.values()) {
      const labels = this.seedLabels.get(customer.customerId) ?? {
        scenarioTags: ['connectfi', customer.kind, 'created'],
      };
      yield { customer, journey: this.journeys.get(customer.customerId) ?? null, ...labels };
    }
  }

  linkView(applicationId: string, entityId: string, view: DocumentView): Set<DocumentView> {
    let byEntity = this.linkedViews.get(applicationId);
    if (byEntity === undefined) {
      byEntity = new Map();
      this.linkedViews.set(applicationId, byEntity);
    }
    let views = byEntity.get(entityId);
    if (views === undefined) {
      views = new Set();
      byEntity.set(entityId, views);
    }
    views.add(view);
    return views;
  }
}
