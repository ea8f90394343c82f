import type { CaseListQuery, CaseScope, CaseSort, CaseState } from '@review-desk/contracts';
import { isProvider } from '@/lib/providers';
import { caseListSearchParams } from '../api/get-cases';
import { caseStateLabels } from '../components/case-labels';

/**
 * The queue's filters and sort as they appear in the address bar, so a view can be bookmarked and shared.
 * Dates are calendar days (YYYY-MM-DD); everything else is spelled as the case list API spells it.
 */
export type QueueSearch = Omit<CaseListQuery, 'cursor' | 'limit' | 'facets'>;

export const QUEUE_PAGE_SIZE = 50;

/** The element the queue's "Skip to results" link moves to. */
export const QUEUE_RESULTS_ID = 'queue-results';

export const caseStateValues = Object.keys(caseStateLabels) as CaseState[];
export const caseSortLabels: Record<CaseSort, string> = {
  priority: 'Priority (SLA, then score)',
  score: 'Triage score',
  age: 'Age',
  updated: 'Last change',
};
export const caseSortValues = Object.keys(caseSortLabels) as CaseSort[];
/** The direction each sort takes unless one is chosen (the list API's defaults). */
export const defaultSortDirection: Record<CaseSort, 'asc' | 'desc'> = {
  priority: 'desc',
  score: 'desc',
  age: 'asc',
  updated: 'desc',
};

/** Each order's directions in words; the priority order has one. */
export const sortDirectionLabels: Record<CaseSort, Partial<Record<'asc' | 'desc', string>>> = {
  priority: { desc: 'Most urgent first' },
  score: { desc: 'Highest first', asc: 'Lowest first' },
  age: { asc: 'Oldest first', desc: 'Newest first' },
  updated: { desc: 'Latest first', asc: 'Earliest first' },
};

/** The states of the work: what the queue shows unless the reviewer asks for more. */
export const workStates: readonly CaseState[] = ['open', 'reopened', 'in_review'];

/**
 * Whose cases the queue lists. Unless "all" is chosen it is the work, except when the state filter asks for
 * a state outside it (resolved, escalated…): asking for those is asking for all cases in that state.
 */
export function scopeOf(search: QueueSearch): CaseScope {
  if (search.scope) return search.scope;
  // Disagreements are on cases the desk resolved: asking for them is asking beyond the work.
  if (search.disagreement) return 'all';
  return search.state?.some((state) => !workStates.includes(state)) ? 'all' : 'work';
}

/**
 * The filters behind the "Filters (n)" control, counted in its n. A new filter goes here, in
 * parseQueueSearch and in the filters panel.
 */
export const panelFilterKeys = [
  'provider',
  'assignee',
  'state',
  'upstreamStatus',
  'scoreMin',
  'scoreMax',
  'createdAfter',
  'createdBefore',
] as const satisfies readonly (keyof QueueSearch)[];

export const activeFilterCount = (search: QueueSearch) =>
  panelFilterKeys.filter((key) => search[key] !== undefined).length;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 100;

function integerIn(raw: string | null, min: number, max: number): number | undefined {
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function day(raw: string | null): string | undefined {
  return raw !== null && DAY.test(raw) && !Number.isNaN(Date.parse(raw)) ? raw : undefined;
}

function text(raw: string | null, max: number): string | undefined {
  const value = raw?.trim();
  return value && value.length <= max ? value : undefined;
}

/** The name of the priority order for a role that is not shown the screening, whose queue it orders by age. */
export const unscoredPriorityLabel = 'Priority (SLA, then oldest)';

/**
 * Reads the queue search from the URL, dropping anything malformed rather than sending it to the API. Without
 * `screening` (support), the triage score's order and range are dropped too: the API refuses them.
 */
export function parseQueueSearch(params: URLSearchParams, { screening = true } = {}): QueueSearch {
  const search: QueueSearch = {};
  // The work is the default, so only "all" is spelled out.
  if (params.get('scope') === 'all') search.scope = 'all';
  const provider = params.get('provider');
  if (isProvider(provider)) search.provider = provider;
  const states = params
    .getAll('state')
    .filter((value): value is CaseState => caseStateValues.some((state) => state === value));
  if (states.length > 0) search.state = [...new Set(states)];
  const upstream = params
    .getAll('upstreamStatus')
    .map((value) => value.trim())
    .filter((value) => value !== '' && value.length <= 64);
  if (upstream.length > 0) search.upstreamStatus = [...new Set(upstream)].slice(0, 20);
  const assignee = text(params.get('assignee'), 64);
  if (assignee) search.assignee = assignee;
  const scoreMin = screening ? integerIn(params.get('scoreMin'), 0, 100) : undefined;
  if (scoreMin !== undefined) search.scoreMin = scoreMin;
  const scoreMax = screening ? integerIn(params.get('scoreMax'), 0, 100) : undefined;
  if (scoreMax !== undefined) search.scoreMax = scoreMax;
  const createdAfter = day(params.get('createdAfter'));
  if (createdAfter) search.createdAfter = createdAfter;
  const createdBefore = day(params.get('createdBefore'));
  if (createdBefore) search.createdBefore = createdBefore;
  if (params.get('disagreement') === 'true') search.disagreement = true;
  const q = text(params.get('q'), MAX_TEXT);
  if (q) search.q = q;
  const sort = params.get('sort');
  const knownSort = caseSortValues.find((value) => value === sort && (screening || value !== 'score'));
  if (knownSort) search.sort = knownSort;
  const direction = params.get('direction');
  if (direction === 'asc' || direction === 'desc') search.direction = direction;
  return search;
}

/** The URL form of a queue search: the list API's parameter spelling, in a stable order. */
export const queueSearchParams = (search: QueueSearch): URLSearchParams => caseListSearchParams(search);

/** A calendar day as the start of that day in the reviewer's time zone. */
const startOfDay = (value: string) => {
  const [year, month, date] = value.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toISOString();
};

/** The API query for a queue search: days become instants, and the page size is fixed. */
export function toCaseListQuery(search: QueueSearch): Omit<CaseListQuery, 'cursor'> {
  return {
    ...search,
    scope: scopeOf(search),
    ...(search.createdAfter ? { createdAfter: startOfDay(search.createdAfter) } : {}),
    ...(search.createdBefore ? { createdBefore: startOfDay(search.createdBefore) } : {}),
    limit: QUEUE_PAGE_SIZE,
  };
}
