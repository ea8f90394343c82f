import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../safe-next';

describe('safeNextPath', () => {
  it('keeps a same-origin path with its search and hash', () => {
    expect(safeNextPath('/cases/c-1?tab=aml#hit-2', '/queue')).toBe('/cases/c-1?tab=aml#hit-2');
  });

  it.each([
    ['https://evil.example/queue'],
    ['//evil.example/queue'],
    ['/\\evil.example'],
    ['javascript:alert(1)'],
    ['queue'],
    ['/\t/evil.example'],
    ['/login?next=/queue'],
    [''],
  ])('refuses %j', (next) => {
    expect(safeNextPath(next, '/queue')).toBe('/queue');
  });

  it('falls back when there is no next', () => {
    expect(safeNextPath(null, '/queue')).toBe('/queue');
  });
});
