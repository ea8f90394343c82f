import type { FaceMatchSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import type { Fields } from '../fields';
import { readCheck } from './checks';

export function readFaceMatch(data: Fields): FaceMatchSection {
  const section = data.section('faceMatchInfo');
  if (section === null) return notProvided;
  return { provided: true, ...readCheck(section), score: readScore(section) };
}

/** A similarity is 0..1; anything else would mislead a reviewer, so it is set aside and reported. */
function readScore(section: Fields): number | null {
  const score = section.number('faceMatchScore');
  if (score === null || (score >= 0 && score <= 1)) return score;
  section.log.add(
    section.path,
    'faceMatchScore',
    'unexpected_type',
    'Outside 0..1; set aside',
    section.source.faceMatchScore,
  );
  return null;
}
