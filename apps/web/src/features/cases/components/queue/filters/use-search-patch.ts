import { useCallback } from 'react';
import type { QueueSearch } from '../../../utils/queue-search';

/**
 * Changes part of the queue search: a key set to undefined or to an empty list is removed, so the URL only
 * ever spells out what is chosen.
 */
export function useSearchPatch(search: QueueSearch, onChange: (search: QueueSearch) => void) {
  return useCallback(
    (patch: Partial<QueueSearch>) => {
      const next: QueueSearch = { ...search, ...patch };
      for (const key of Object.keys(patch) as (keyof QueueSearch)[]) {
        const value = next[key];
        if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
      }
      onChange(next);
    },
    [search, onChange],
  );
}
