import type {
  BulkRequest,
  CaseEvent,
  CaseListQuery,
  CaseSummary,
  DecisionRequest,
  DisagreementRequest,
  DispositionRequest,
  DocumentAttachRequest,
  EvidenceViewedRequest,
  Provider,
  RevealableField,
} from '@review-desk/contracts';
import { defaultFourEyesPolicy, type FourEyesPolicy } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { closeResolvedUpstream, openCaseByHand, openOrUpdateCase } from './apply-view';
import { type ActionContext, type Actor, type StoreCore, type SystemContext, summaryOf } from './core';
import { decide } from './decide';
import { caseDetail, type LoadView } from './detail';
import { type LookUpDirectory, openDirectoryRecord } from './directory-record';
import { closeDisagreement, followProviderVerdict } from './disagreement';
import { recordDisposition } from './dispositions';
import { attachDocuments } from './documents/attach';
import { documentCase, readDocuments } from './documents/rows';
import { type DocumentsClient, type DocumentUpload, uploadDocument } from './documents/upload';
import { evidencePackContent } from './evidence-pack';
import { recordEvidenceView } from './evidence-views';
import { flagCase, flagSubject, handleFlag, openFlags } from './flags';
import type { CaseInput } from './intake';
import { listCases } from './list';
import { type NextCaseOptions, next } from './next-case';
import { openRepresentative, type RepresentativeSources } from './representative-review';
import type { CaseTables } from './schema';
import { addNote, bulk, claim, release, requestKycLink, reveal } from './workflow';

export type { ActionContext, Actor, SystemContext } from './core';
export type { LoadView } from './detail';
export type { CaseInput } from './intake';

export interface CaseStoreOptions {
  fourEyes?: FourEyesPolicy;
  /** How long a claim lasts without activity (default 30 minutes). */
  claimLeaseMinutes?: number;
  /** Time from opening to the SLA due time (default 24 hours). */
  slaHours?: number;
  /** The time, for tests that move it. */
  clock?: () => Date;
  /** Where case changes go once committed (the event bus). */
  publish?: (event: CaseEvent) => void;
}

/**
 * The case store: the one way cases are opened, changed and read. Every change runs in one transaction with
 * its audit row, carries the case version, and raises a case event after commit.
 */
export class CaseStore {
  readonly #core: StoreCore;

  constructor(db: Kysely<DB>, options: CaseStoreOptions = {}) {
    this.#core = {
      db: db.withTables<CaseTables>(),
      clock: options.clock ?? (() => new Date()),
      publish: options.publish ?? (() => {}),
      settings: {
        fourEyes: options.fourEyes ?? defaultFourEyesPolicy,
        claimLeaseMs: (options.claimLeaseMinutes ?? 30) * 60_000,
        slaMs: (options.slaHours ?? 24) * 3_600_000,
      },
    };
  }

  /** Sends case events to `publish` from now on (the event bus is made after the store). */
  set publish(publish: (event: CaseEvent) => void) {
    this.#core.publish = publish;
  }

  // Applying provider views (the delivery worker and reconciliation).
  openOrUpdateCase(input: CaseInput, context?: SystemContext) {
    return openOrUpdateCase(this.#core, input, context);
  }
  closeResolvedUpstream(caseId: string, reason: string, context?: SystemContext) {
    return closeResolvedUpstream(this.#core, caseId, reason, context);
  }
  /** Raises or clears a contradiction between the provider's verdict and the desk's decision. */
  followProviderVerdict(input: CaseInput, context?: SystemContext) {
    return followProviderVerdict(this.#core, input, context);
  }
  /** A senior acknowledges a disagreement with a note, or reopens the case for a new decision. */
  closeDisagreement(caseId: string, request: DisagreementRequest, context: ActionContext) {
    return closeDisagreement(this.#core, caseId, request, context);
  }
  openCaseByHand(input: CaseInput, context: ActionContext) {
    return openCaseByHand(this.#core, input, context);
  }

  // Reads.
  getSummary(caseId: string): Promise<CaseSummary> {
    return summaryOf(this.#core.db, caseId, this.#core.clock());
  }
  list(query: CaseListQuery, actor: Actor) {
    return listCases(this.#core, query, actor);
  }
  detail(caseId: string, context: ActionContext, loadView: LoadView) {
    return caseDetail(this.#core, caseId, context, loadView);
  }

  /** What the evidence pack holds; records the export in the audit trail. */
  evidencePack(caseId: string, context: ActionContext, options: { unmasked: boolean }) {
    return evidencePackContent(this.#core, caseId, context, options);
  }

  // The review workflow.
  claim(caseId: string, version: number, context: ActionContext) {
    return claim(this.#core, caseId, version, context);
  }
  release(caseId: string, version: number, context: ActionContext) {
    return release(this.#core, caseId, version, context);
  }
  next(context: ActionContext, options?: NextCaseOptions) {
    return next(this.#core, context, options);
  }
  decide(caseId: string, request: DecisionRequest, context: ActionContext) {
    return decide(this.#core, caseId, request, context);
  }
  recordDisposition(caseId: string, request: DispositionRequest, context: ActionContext) {
    return recordDisposition(this.#core, caseId, request, context);
  }
  recordEvidenceView(caseId: string, request: EvidenceViewedRequest, context: ActionContext) {
    return recordEvidenceView(this.#core, caseId, request, context);
  }
  openDirectoryRecord(caseId: string, lookUp: LookUpDirectory, context: ActionContext) {
    return openDirectoryRecord(this.#core, caseId, lookUp, context);
  }
  /** One entity application of the case's journey, for review: served, it is recorded and audited. */
  openRepresentative(
    caseId: string,
    entityId: string,
    sources: RepresentativeSources,
    context: ActionContext,
  ) {
    return openRepresentative(this.#core, caseId, entityId, sources, context);
  }
  addNote(caseId: string, version: number, text: string, context: ActionContext) {
    return addNote(this.#core, caseId, version, text, context);
  }
  reveal(caseId: string, field: RevealableField, context: ActionContext) {
    return reveal(this.#core, caseId, field, context);
  }
  /** Sends one document to connectFi for the case (generate, upload); retries go on from the last step. */
  uploadDocument(caseId: string, input: DocumentUpload, context: ActionContext, client: DocumentsClient) {
    return uploadDocument(this.#core, caseId, input, context, client);
  }

  /** Links uploaded documents to the journey (connectFi's /akepa/update). */
  attachDocuments(
    caseId: string,
    request: DocumentAttachRequest,
    context: ActionContext,
    client: DocumentsClient,
  ) {
    return attachDocuments(this.#core, caseId, request, context, client);
  }

  /** The documents sent to connectFi for a case, oldest first. */
  async listDocuments(caseId: string) {
    const target = await documentCase(this.#core.db, caseId).catch((error: unknown) => {
      // A closed case still lists what was sent for it.
      if ((error as { code?: string }).code === 'documents_not_applicable') return null;
      throw error;
    });
    return {
      documents:
        target === null
          ? await readDocuments(this.#core.db, caseId)
          : await readDocuments(this.#core.db, target.id),
    };
  }

  requestKycLink(
    caseId: string,
    country: string,
    context: ActionContext,
    createKycLink: (userId: string, country: string) => Promise<string>,
  ) {
    return requestKycLink(this.#core, caseId, country, context, createKycLink);
  }
  bulk(request: BulkRequest, context: ActionContext) {
    return bulk(this.#core, request, context);
  }

  // Support's flags for analysts.
  flagCase(caseId: string, reason: string, context: ActionContext) {
    return flagCase(this.#core, caseId, reason, context);
  }
  flagSubject(subject: { provider: Provider; subjectId: string }, reason: string, context: ActionContext) {
    return flagSubject(this.#core, subject, reason, context);
  }
  openFlags() {
    return openFlags(this.#core);
  }
  handleFlag(flagId: string, context: ActionContext) {
    return handleFlag(this.#core, flagId, context);
  }
}
