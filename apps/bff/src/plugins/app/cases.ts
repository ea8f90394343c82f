import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { LoadView } from '../../cases/detail';
import { CaseStore, type CaseStoreOptions } from '../../cases/store';
import { SubjectService } from '../../subjects/subject-service';

/** Asks Capa for a fresh KYC link for a user; returns the link. */
export type CreateKycLink = (userId: string, country: string) => Promise<string>;

export interface CasesOptions {
  /** Reads a subject's live verification, normalised; by default through the upstream clients. */
  loadView?: LoadView;
  /** By default Capa's verification-link endpoint. */
  createKycLink?: CreateKycLink;
  store?: Omit<CaseStoreOptions, 'publish'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Live subject reads, shared by the case and subject routes (see SubjectService). */
    subjects: SubjectService;
    cases: {
      /** Cases, the review workflow and decisions: what the routes and the delivery worker call. */
      store: CaseStore;
      loadView: LoadView;
      createKycLink: CreateKycLink;
    };
  }
}

export default fp(
  async function cases(app: FastifyInstance, options: CasesOptions) {
    const subjects = new SubjectService(app.upstreams, {
      maxBytes: app.config.subjectCacheMegabytes * 1024 * 1024,
    });
    app.decorate('subjects', subjects);
    app.decorate('cases', {
      store: new CaseStore(app.db, options.store),
      loadView: options.loadView ?? (async (provider, id) => (await subjects.read(provider, id)).view),
      createKycLink:
        options.createKycLink ??
        ((userId, country) => app.upstreams.capa.createVerificationLink(userId, { country })),
    });
  },
  { name: 'cases', dependencies: ['db', 'upstreams'] },
);
