import { providerLabels } from '@/lib/providers';
import { caseStateLabels } from '../components/case-labels';
import {
  caseSortLabels,
  defaultSortDirection,
  parseQueueSearch,
  type QueueSearch,
  scopeOf,
  sortDirectionLabels,
} from './queue-search';

const assigneeLabels: Record<string, string> = { me: 'Assigned to me', unassigned: 'Unassigned' };

function scoreRange({ scoreMin, scoreMax }: QueueSearch): string | null {
  if (scoreMin !== undefined && scoreMax !== undefined) return `Score ${scoreMin}–${scoreMax}`;
  if (scoreMin !== undefined) return `Score from ${scoreMin}`;
  if (scoreMax !== undefined) return `Score up to ${scoreMax}`;
  return null;
}

function sortOrder({ sort = 'priority', direction }: QueueSearch): string {
  const words = sortDirectionLabels[sort][direction ?? defaultSortDirection[sort]];
  return `${caseSortLabels[sort]}${words ? `, ${words.toLowerCase()}` : ''}`;
}

/** A saved view's search in words ("My work · Capa · Score from 40 · Triage score, highest first"). */
export function describeView(searchString: string): string {
  const search = parseQueueSearch(new URLSearchParams(searchString));
  const parts = [
    scopeOf(search) === 'work' ? 'My work' : 'All cases',
    search.provider ? providerLabels[search.provider] : null,
    search.assignee ? (assigneeLabels[search.assignee] ?? 'Assigned to a colleague') : null,
    search.state ? search.state.map((state) => caseStateLabels[state]).join(' or ') : null,
    search.upstreamStatus ? `Upstream ${search.upstreamStatus.join(' or ')}` : null,
    search.disagreement ? 'Provider disagrees' : null,
    scoreRange(search),
    search.createdAfter ? `Opened from ${search.createdAfter}` : null,
    search.createdBefore ? `Opened before ${search.createdBefore}` : null,
    search.q ? `Matching “${search.q}”` : null,
    sortOrder(search),
  ];
  return parts.filter((part) => part !== null).join(' · ');
}
