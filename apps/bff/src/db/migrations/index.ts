import type { Migration, MigrationProvider } from 'kysely';
import { usersSessionsAudit } from './0001-users-sessions-audit';
import { cases } from './0002-cases';
import { ingestion } from './0003-ingestion';
import { deliveryLeases } from './0004-delivery-leases';
import { queueIndexes } from './0005-queue-indexes';
import { searchTermsCovering } from './0006-search-terms-covering';
import { caseLifecycle } from './0007-case-lifecycle';
import { decisionIntegrity } from './0009-decision-integrity';
import { singleSignOn } from './0010-single-sign-on';
import { caseDocuments } from './0011-case-documents';
import { consoles } from './0013-consoles';
import { auditSubjects } from './0016-audit-subjects';
import { directoryRecordViews } from './0017-directory-record-views';
import { providerDrift } from './0018-provider-drift';
import { beneficialOwnerViews } from './0019-beneficial-owner-views';
import { savedViewColumns } from './0020-saved-view-columns';
import { representativeReviews } from './0021-representative-reviews';
import { searchTermsRanked } from './0022-search-terms-ranked';

/**
 * Every migration, in the order they run. Names sort in that order too: add the next one
 * as `NNNN-what-it-does.ts` and list it here. Listed in code rather than read from the folder so that tsx,
 * tests and bundlers all see the same set.
 */
export const migrations: Record<string, Migration> = {
  '0001-users-sessions-audit': usersSessionsAudit,
  '0002-cases': cases,
  '0003-ingestion': ingestion,
  '0004-delivery-leases': deliveryLeases,
  '0005-queue-indexes': queueIndexes,
  '0006-search-terms-covering': searchTermsCovering,
  '0007-case-lifecycle': caseLifecycle,
  '0009-decision-integrity': decisionIntegrity,
  '0010-single-sign-on': singleSignOn,
  '0011-case-documents': caseDocuments,
  '0013-consoles': consoles,
  '0016-audit-subjects': auditSubjects,
  '0017-directory-record-views': directoryRecordViews,
  '0018-provider-drift': providerDrift,
  '0019-beneficial-owner-views': beneficialOwnerViews,
  '0020-saved-view-columns': savedViewColumns,
  '0021-representative-reviews': representativeReviews,
  '0022-search-terms-ranked': searchTermsRanked,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
