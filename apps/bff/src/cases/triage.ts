import type { CaseView, EnumValue, Triage, TriageFactor } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';

/**
 * The triage score: a sum of fixed points for risk signals in the verification, capped at 100. Deterministic
 * (same view, same score) and explainable (each point comes with the factor that gave it).
 */

const MAX_SCORE = 100;

/** A provider value in one spelling ("Passed", "PASSED" → "passed"). */
const spelling = (value: EnumValue | null): string | null =>
  value ? value.value.trim().toLowerCase().replaceAll(' ', '_').replaceAll('-', '_') : null;

const failed = new Set(['failed', 'declined', 'rejected', 'fraud', 'denied']);
const inReview = new Set(['review', 'review_needed', 'suspicious', 'inconclusive']);

/** Scores are 0..1 in the provider's examples; a percentage is read as such. */
const unit = (score: number): number => (score > 1 ? score / 100 : score);

function checkOutcome(result: EnumValue | null, status: EnumValue | null): 'failed' | 'review' | 'other' {
  const values = [spelling(result), spelling(status)];
  if (values.some((value) => value !== null && failed.has(value))) return 'failed';
  if (values.some((value) => value !== null && inReview.has(value))) return 'review';
  return 'other';
}

export function computeTriage(view: CaseView | null): Triage {
  if (!view) return { score: 0, factors: [] };
  const factors: TriageFactor[] = [];
  const add = (code: string, label: string, points: number) => factors.push({ code, label, points });

  if (isProvided(view.faceMatch)) {
    const score = view.faceMatch.score;
    if (score === null) add('face_match_missing', 'Face match score missing', 10);
    else {
      const similarity = unit(score);
      const shown = similarity.toFixed(2);
      if (similarity < 0.6) add('face_match_low', `Face match ${shown} (below 0.60)`, 25);
      else if (similarity < 0.8) add('face_match_weak', `Face match ${shown} (below 0.80)`, 15);
      else if (similarity < 0.9) add('face_match_fair', `Face match ${shown} (below 0.90)`, 5);
    }
  }

  if (isProvided(view.liveness)) {
    const outcome = checkOutcome(view.liveness.result, view.liveness.status);
    if (outcome === 'failed') add('liveness_failed', 'Liveness check failed', 20);
    else if (outcome === 'review') add('liveness_review', 'Liveness check needs review', 10);
  }

  if (isProvided(view.fraud)) {
    const outcome = checkOutcome(view.fraud.result, view.fraud.status);
    if (outcome === 'failed') add('fraud_flagged', 'Fraud check flagged fraud', 25);
    else if (outcome === 'review') add('fraud_suspicious', 'Fraud check found suspicious signals', 15);
    const related = view.fraud.relatedSessionInsights;
    if (isProvided(related) && related.warnings.length > 0) {
      const count = related.warnings.length;
      add(
        'related_sessions',
        `${count} related-session warning${count === 1 ? '' : 's'}`,
        Math.min(15, 5 * count),
      );
    }
  }

  if (isProvided(view.aml)) {
    const hits = view.aml.entityHits;
    const count = Math.max(hits.length, view.aml.numHits ?? 0);
    if (count > 0)
      add('aml_hits', `${count} AML hit${count === 1 ? '' : 's'}`, Math.min(20, 10 + 5 * (count - 1)));
    const bestName = Math.max(0, ...hits.map((hit) => unit(hit.nameMatchScore ?? 0)));
    if (bestName >= 0.95) add('aml_name_match_strong', `AML name match ${bestName.toFixed(2)}`, 15);
    else if (bestName >= 0.85) add('aml_name_match', `AML name match ${bestName.toFixed(2)}`, 8);
    const bestBirthDate = Math.max(0, ...hits.map((hit) => unit(hit.dateOfBirthMatchScore ?? 0)));
    if (bestBirthDate >= 0.99) add('aml_birth_date_match', 'AML date of birth matches exactly', 10);
    else if (bestBirthDate >= 0.5) add('aml_birth_date_partial', 'AML date of birth partly matches', 4);
  }

  if (isProvided(view.idInfo)) {
    if (view.idInfo.expiry === 'expired') add('id_expired', 'Identity document expired', 15);
    else if (view.idInfo.expiry === 'near_expiry') add('id_near_expiry', 'Identity document expires soon', 5);
  }

  if (isProvided(view.journey)) {
    const pending = view.journey.entityApplications.filter(
      (application) => spelling(application.status) !== 'completed',
    ).length;
    if (pending > 0) {
      add(
        'entities_pending',
        `${pending} entit${pending === 1 ? 'y' : 'ies'} pending`,
        Math.min(15, 5 * pending),
      );
    }
  }

  const total = factors.reduce((sum, factor) => sum + factor.points, 0);
  return { score: Math.min(MAX_SCORE, total), factors };
}
