// The connectFi data model as the sandbox stores it. The population generator (src/population) produces
// ConnectfiCustomerSeed values; the connectFi server (src/connectfi) serves and mutates them.

export type JourneyStatus =
  | 'pending_step_up'
  | 'pending_documents'
  | 'waiting_review'
  | 'pending_journey_application_review'
  | 'running'
  | 'data_request'
  | 'completed';

export type EntityStatus =
  | 'pending_step_up'
  | 'pending_documents'
  | 'waiting_review'
  | 'running'
  | 'completed';

/** Journey outcomes are capitalised, entity outcomes lower case: that is how connectFi sends them. */
export type JourneyOutcome = 'Approved' | 'Denied' | null;
export type EntityOutcome = 'approved' | 'denied' | null;

export interface ConnectfiAddress {
  type: 'PRIMARY' | 'MAILING' | 'BUSINESS';
  line1: string;
  line2?: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface ConnectfiIndividual {
  kind: 'individual';
  customerId: string; // cstap_...
  firstName: string;
  lastName: string;
  dateOfBirth: string; // YYYY-MM-DD
  email: string;
  phone?: string;
  idNumber?: string; // government ID / SSN-like number, used by the review desk to link people across providers
  addresses: ConnectfiAddress[];
}

export interface ConnectfiBusinessRepresentative {
  entityId: string; // supplied by the partner or generated (ExtBusRepId..., cstar_...)
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  idNumber?: string;
  ownershipPercent?: number;
  addresses: ConnectfiAddress[];
}

export interface ConnectfiBusiness {
  kind: 'business';
  customerId: string; // cstab_...
  businessName: string;
  taxId: string;
  email: string;
  addresses: ConnectfiAddress[];
  businessRepresentatives: ConnectfiBusinessRepresentative[];
}

export type ConnectfiCustomer = ConnectfiIndividual | ConnectfiBusiness;

export interface EntityApplication {
  entityId: string;
  isCustomer: boolean;
  status: EntityStatus;
  outcome: EntityOutcome;
}

export interface AkepaJourney {
  applicationId: string; // iapp_...
  aggregatorId: string; // e.g. "amplifi", "evolve"
  customerId: string;
  status: JourneyStatus;
  outcome: JourneyOutcome;
  entityApplications: EntityApplication[];
  webhookURL?: string;
  /** Partner reference echoed in webhook bodies. */
  reference?: string;
}

export interface ConnectfiCustomerSeed {
  customer: ConnectfiCustomer;
  /** null: /customer/init happened but /akepa/identification did not (status answers identificationNotFound). */
  journey: AkepaJourney | null;
  /** The organisation's own id for the customer (the review desk's directory pairs it with customerId). */
  externalUserId?: string;
  /** Scenario tags for the scenario index, e.g. "business", "waiting_review", "representatives:3". */
  scenarioTags: string[];
}
