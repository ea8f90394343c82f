import { describe, expect, it } from 'vitest';
import { parseQueueSearch, queueSearchParams, toCaseListQuery } from '../queue-search';

describe('queue search in the URL', () => {
  it('reads every filter the list API knows', () => {
    const search = parseQueueSearch(
      new URLSearchParams(
        'provider=connectfi&state=open&state=reopened&upstreamStatus=waiting_review&assignee=unassigned&scoreMin=40&scoreMax=90&createdAfter=2026-10-01&createdBefore=2026-11-01&q=acme&sort=age&direction=desc',
      ),
    );
    expect(search).toEqual({
      provider: 'connectfi',
      state: ['open', 'reopened'],
      upstreamStatus: ['waiting_review'],
      assignee: 'unassigned',
      scoreMin: 40,
      scoreMax: 90,
      createdAfter: '2026-10-01',
      createdBefore: '2026-11-01',
      q: 'acme',
      sort: 'age',
      direction: 'desc',
    });
  });

  it('drops what the API would refuse instead of sending it', () => {
    const search = parseQueueSearch(
      new URLSearchParams(
        'provider=acme&state=closed&scoreMin=-1&scoreMax=101&createdAfter=yesterday&sort=random&direction=up&q=',
      ),
    );
    expect(search).toEqual({});
  });

  it('writes a stable URL, so equal searches share one address', () => {
    expect(
      queueSearchParams({ sort: 'score', provider: 'capa', state: ['open', 'escalated'] }).toString(),
    ).toBe('provider=capa&sort=score&state=open&state=escalated');
  });

  it('asks the API for days as instants in the reviewer’s time zone, one page at a time', () => {
    const query = toCaseListQuery({ createdAfter: '2026-10-01' });
    expect(query.createdAfter).toBe(new Date(2026, 9, 1).toISOString());
    expect(query.limit).toBe(50);
  });
});
