import {
  type AmlListType,
  type CaseDetail,
  type CaseSummary,
  isProvided,
  listTypesOf,
} from '@review-desk/contracts';
import { type ApiSession, casesOf, isPlain, scenarios } from './api';

/** A Capa case in the queue and the entity hit the walk-through judges a true match. */
export interface HitCase {
  caseId: string;
  subjectId: string;
  /** The hit to judge a true match, by the reference the case knows it by (the provider's id, or "#<index>"). */
  hitRef: string;
  /** Every hit of the case, the same way. */
  hitRefs: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Picks the hit to judge from each hit's list types; -1 when the case has none that fits. */
export type HitPicker = (hits: AmlListType[][]) => number;

/** A sanctions listing: its true match bars approval. */
export const sanctionsHit: HitPicker = (hits) => hits.findIndex((types) => types.includes('sanction'));

/** A PEP listing and no sanctions listing (nor an unclassified one, read as sanctions): a senior may approve. */
export const pepOnlyHit: HitPicker = (hits) =>
  hits.findIndex(
    (types) => types.includes('pep') && !types.includes('sanction') && !types.includes('unclassified'),
  );

async function hitCaseOf(analyst: ApiSession, item: CaseSummary, pick: HitPicker): Promise<HitCase | null> {
  const detail = await analyst.get<CaseDetail>(`/api/cases/${item.id}`);
  if (!detail.view || !isProvided(detail.view.aml)) return null;
  const hits = detail.view.aml.entityHits;
  // A false positive remembered from an earlier case would ask for a confirmation instead of a choice.
  if (detail.dispositions.length > 0) return null;
  const hitIndex = pick(hits.map((hit) => listTypesOf(hit)));
  const hitRefs = hits.map((hit, index) => hit.id ?? `#${index}`);
  const hitRef = hitRefs[hitIndex];
  if (hitRef === undefined) return null;
  return { caseId: item.id, subjectId: item.subjectId, hitRef, hitRefs };
}

/**
 * An open Capa case of a plain REVIEW_NEEDED individual (a complete payload) with a hit the picker accepts.
 * Webhook deliveries fill the queue in batches, so it looks again until `waitMs` has passed.
 */
export async function findHitCase(
  analyst: ApiSession,
  capaUrl: string,
  pick: HitPicker,
  exclude: readonly string[],
  waitMs: number,
): Promise<HitCase> {
  const plain = new Set(
    (await scenarios(capaUrl, ['capa', 'individual', 'review_needed'])).filter(isPlain).map((e) => e.id),
  );
  const checked = new Set<string>(exclude);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const { items } = await casesOf(analyst, 'provider=capa&limit=200');
    for (const item of items) {
      if (checked.has(item.id) || item.state !== 'open' || !plain.has(item.subjectId)) continue;
      checked.add(item.id);
      const found = await hitCaseOf(analyst, item, pick);
      if (found) return found;
    }
    if (Date.now() >= deadline)
      throw new Error('the queue holds no Capa case with the AML hit this test needs');
    await sleep(500);
  }
}

/**
 * Moves one business representative's application of a connectFi journey to another status that is not
 * final, leaving the journey's own status as it is: the verification changes, the case stays where it is.
 */
export async function moveRepresentative(connectfiUrl: string, detail: CaseDetail): Promise<void> {
  const view = detail.view;
  if (!view || !isProvided(view.journey)) throw new Error('the case has no connectFi journey');
  const representative = detail.entityApplications.find(
    (item) => item.role === 'business_representative' && item.status !== 'completed',
  );
  if (!representative) throw new Error('the journey has no representative still under way');
  const status = representative.status === 'pending_documents' ? 'waiting_review' : 'pending_documents';
  const response = await fetch(
    `${connectfiUrl}/_sandbox/connectfi/customers/${detail.case.subjectId}/status`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        status: view.journey.status?.value,
        entityApplications: [{ entityId: representative.entityId, status }],
      }),
    },
  );
  if (!response.ok) throw new Error(`moving the representative: ${response.status} ${await response.text()}`);
}
