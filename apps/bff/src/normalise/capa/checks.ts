import type { CheckWarning, LivenessSection, StatusReason } from '@review-desk/contracts';
import type { Fields } from '../fields';
import { capaCheckResult, capaCheckStatus, capaResolutionStatus } from '../vocabularies';

/** The fields every Capa check section carries (result, status, reasons, warnings, summary). */
export type CheckFields = Omit<Extract<LivenessSection, { provided: true }>, 'provided'>;

export const readCheck = (section: Fields): CheckFields => ({
  result: section.enumOf('result', capaCheckResult),
  status: section.enumOf('status', capaCheckStatus),
  sectionId: section.text('section_id'),
  statusReasons: section.objects('statusReasons', readStatusReason),
  warnings: section.objects('warnings', readWarning),
  checkSummary: section.raw('checkSummary'),
});

const readStatusReason = (reason: Fields): StatusReason => ({
  code: reason.text('code'),
  message: reason.text('message'),
});

const readWarning = (warning: Fields): CheckWarning => ({
  code: warning.text('code'),
  message: warning.text('message'),
  warningId: warning.text('warningId'),
  resolutionStatus: warning.enumOf('resolutionStatus', capaResolutionStatus),
});
