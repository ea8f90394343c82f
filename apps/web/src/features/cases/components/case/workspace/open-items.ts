import type { CaseDetail } from '@review-desk/contracts';
import { hostSection } from '../warnings/section-warnings';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * What is still open in each section of the case, by section key, for the section rail: AML hits without a
 * disposition or confirmation, representatives and owners not opened, warnings and evidence gaps not acknowledged yet.
 */
export function openItemsBySection(
  detail: CaseDetail,
  acknowledged: ReadonlySet<string>,
): Record<string, string[]> {
  const open: Record<string, string[]> = {};
  const add = (key: string, text: string) => {
    open[key] = [...(open[key] ?? []), text];
  };
  const count = (code: string) => detail.approval.unmet.filter((item) => item.code === code).length;
  const undisposed = count('aml_hit_undisposed');
  if (undisposed > 0) add('aml', `${undisposed} undisposed`);
  const unconfirmed = count('aml_hit_unconfirmed');
  if (unconfirmed > 0) add('aml', `${unconfirmed} to confirm`);
  const unopened = count('representative_unviewed');
  if (unopened > 0) add('journey', `${unopened} not opened`);
  const owners = count('owner_unviewed');
  if (owners > 0) add('business', `${plural(owners, 'owner', 'owners')} not opened`);
  const toAcknowledge = new Map<string, number>();
  for (const item of [...detail.approval.gaps, ...detail.approval.warnings]) {
    const key = hostSection[item.section];
    if (key && !acknowledged.has(item.ref)) toAcknowledge.set(key, (toAcknowledge.get(key) ?? 0) + 1);
  }
  for (const [key, number] of toAcknowledge) add(key, plural(number, 'warning', 'warnings'));
  return open;
}
