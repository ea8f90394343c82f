import type { FraudSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import type { Fields } from '../fields';
import { readCheck } from './checks';

export function readFraud(data: Fields): FraudSection {
  const section = data.section('fraudInsights');
  if (section === null) return notProvided;
  const related = section.section('relatedSessionInsights');
  return {
    provided: true,
    ...readCheck(section),
    relatedSessionInsights: related === null ? notProvided : { provided: true, ...readCheck(related) },
  };
}
