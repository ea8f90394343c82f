import type { CaseView, Provider } from '@review-desk/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { SubjectSync } from './sync';

export interface KybSweepDeps {
  sync: Pick<SubjectSync, 'sync'>;
  loadView: (provider: Provider, subjectId: string) => Promise<CaseView>;
  log: FastifyBaseLogger;
  /** Subjects read at once. */
  concurrency?: number;
}

export interface KybSweepResult {
  checked: number;
  businesses: number;
  /** Cases opened for businesses in KYB review. */
  opened: number;
  failed: number;
}

/**
 * Capa sends no webhook for KYB: the partner polls Get KYB Details. So the Capa users the organisation's
 * directory names are read once when they are imported, and each business among them is brought up to date like
 * a delivery would (a business in REVIEW_NEEDED becomes a case). People are left to their KYC webhooks.
 */
export class KybSweep {
  #queued: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: KybSweepDeps) {}

  /** Sweeps in the background, after any sweep already under way (an import answers before the reads end). */
  start(capaUserIds: readonly string[]): void {
    if (capaUserIds.length === 0) return;
    this.#queued = this.#queued.then(() => this.run(capaUserIds)).catch(() => undefined);
  }

  /** Resolves once every sweep started so far has finished. */
  async idle(): Promise<void> {
    await this.#queued;
  }

  async run(capaUserIds: readonly string[]): Promise<KybSweepResult> {
    const totals: KybSweepResult = { checked: 0, businesses: 0, opened: 0, failed: 0 };
    let next = 0;
    const work = async () => {
      for (let id = capaUserIds[next++]; id !== undefined; id = capaUserIds[next++]) {
        try {
          const view = await this.deps.loadView('capa', id);
          totals.checked += 1;
          if (!view.business) continue;
          totals.businesses += 1;
          const result = await this.deps.sync.sync(view, 'kyb-sweep');
          if (result.created) totals.opened += 1;
        } catch {
          // Not a verified user yet (no_verification), or Capa not answering: the next import reads it again.
          totals.failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: this.deps.concurrency ?? 4 }, work));
    if (totals.businesses > 0 || totals.failed > 0) this.deps.log.info(totals, 'KYB sweep finished');
    return totals;
  }
}
