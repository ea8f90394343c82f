import type { LivenessSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import type { Fields } from '../fields';
import { readCheck } from './checks';

export function readLiveness(data: Fields): LivenessSection {
  const section = data.section('faceLivenessInfo');
  return section === null ? notProvided : { provided: true, ...readCheck(section) };
}
