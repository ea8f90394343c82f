import type { CaseSummary, Provider } from '@review-desk/contracts';
import { type ApiSession, casesOf, isPlain, openCase, type ScenarioEntry, scenarios } from './api';

/** The two subjects the walk-through reviews, and whether their cases had to be opened by hand. */
export interface ReviewSubjects {
  capa: { entry: ScenarioEntry; caseId: string };
  connectfi: { entry: ScenarioEntry; caseId: string; representatives: number };
  openedByHand: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The desk's case of one provider subject, if it has one. */
export async function caseOf(analyst: ApiSession, provider: Provider, subjectId: string) {
  const list = await casesOf(analyst, new URLSearchParams({ provider, q: subjectId }).toString());
  return list.items.find((item: CaseSummary) => item.subjectId === subjectId) ?? null;
}

/** Waits for the queue to fill; returns false when it stays empty for the whole wait. */
export async function waitForQueue(analyst: ApiSession, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if ((await casesOf(analyst, 'limit=1')).items.length > 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(250);
  }
}

/**
 * A Capa REVIEW_NEEDED individual with several AML hits and a connectFi business waiting review with
 * representatives, each with its case: one the queue holds by the deadline (webhook deliveries arrive in
 * batches), else a case opened by hand.
 */
export async function reviewSubjects(
  analyst: ApiSession,
  sandbox: { capaUrl: string; connectfiUrl: string },
  deadline: number,
): Promise<ReviewSubjects> {
  const capaCandidates = (
    await scenarios(sandbox.capaUrl, ['capa', 'individual', 'review_needed', 'aml:many'])
  ).filter(isPlain);
  const connectfiCandidates = (
    await scenarios(sandbox.connectfiUrl, ['connectfi', 'business', 'waiting_review'])
  ).filter((entry) => isPlain(entry) && representativesOf(entry) > 0);
  const openedByHand: string[] = [];

  const pick = async (provider: Provider, candidates: ScenarioEntry[]) => {
    for (;;) {
      for (const entry of candidates) {
        const existing = await caseOf(analyst, provider, entry.id);
        if (existing) return { entry, caseId: existing.id };
      }
      if (Date.now() >= deadline) break;
      await sleep(500);
    }
    const entry = candidates[0];
    if (!entry) throw new Error(`the sandbox has no ${provider} subject for this walk-through`);
    openedByHand.push(`${provider} ${entry.id}`);
    return { entry, caseId: (await openCase(analyst, provider, entry.id)).case.id };
  };

  const capa = await pick('capa', capaCandidates);
  const connectfi = await pick('connectfi', connectfiCandidates);
  return {
    capa,
    connectfi: { ...connectfi, representatives: representativesOf(connectfi.entry) },
    openedByHand,
  };
}

function representativesOf(entry: ScenarioEntry): number {
  const tag = entry.tags.find((item) => item.startsWith('representatives:'));
  return tag ? Number(tag.slice('representatives:'.length)) : 0;
}
