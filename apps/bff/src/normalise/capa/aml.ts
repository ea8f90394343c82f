import type { AmlEntityHit, AmlSearchCriteria, AmlSection } from '@review-desk/contracts';
import { notProvided } from '../coerce';
import type { Fields } from '../fields';
import { capaEntityType, capaResolutionStatus } from '../vocabularies';
import { readCheck } from './checks';

export function readAml(data: Fields): AmlSection {
  const section = data.section('amlInfo');
  if (section === null) return notProvided;
  return {
    provided: true,
    ...readCheck(section),
    numHits: section.number('numHits'),
    searchCriteria: readSearchCriteria(section.optionalObject('searchCriteria')),
    hitSummary: section.raw('amlHitSummary'),
    entityHits: section.objects('entityHits', readEntityHit),
  };
}

const readSearchCriteria = (criteria: Fields | null): AmlSearchCriteria | null =>
  criteria === null
    ? null
    : {
        searchTerm: criteria.text('searchTerm'),
        fuzzinessScore: criteria.number('fuzzinessScore'),
        exactMatch: criteria.boolean('exactMatch'),
      };

const readEntityHit = (hit: Fields): AmlEntityHit => ({
  id: hit.text('id'),
  name: hit.text('name'),
  entityType: hit.enumOf('entityType', capaEntityType),
  nameMatchScore: hit.number('nameMatchScore'),
  dateOfBirth: hit.text('dateOfBirth'),
  dateOfBirthMatchScore: hit.number('dateOfBirthMatchScore'),
  alsoKnownAs: hit.strings('alsoKnownAs'),
  amlHits: hit.rawList('amlHits'),
  resolutionStatus: hit.enumOf('resolutionStatus', capaResolutionStatus),
});
