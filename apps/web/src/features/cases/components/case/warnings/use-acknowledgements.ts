import { useMemo, useState } from 'react';

/**
 * The warnings and evidence gaps the reviewer has acknowledged so far, shared by the sections they concern and
 * the decision panel: ticking one in either place ticks it in both.
 */
export function useAcknowledgements() {
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  // One object per set of acknowledgements, so the sections that take it redraw only when it changes.
  return useMemo(
    () => ({
      acknowledged,
      has: (ref: string) => acknowledged.has(ref),
      toggle: (ref: string, on: boolean) =>
        setAcknowledged((current) => {
          const next = new Set(current);
          if (on) next.add(ref);
          else next.delete(ref);
          return next;
        }),
      clear: () => setAcknowledged(new Set()),
    }),
    [acknowledged],
  );
}

export type Acknowledgements = ReturnType<typeof useAcknowledgements>;
