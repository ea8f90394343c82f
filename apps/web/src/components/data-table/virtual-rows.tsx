import { TableRow } from '@mui/material';
import type { Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, type RefObject, useEffect } from 'react';

type VirtualRowsProps<T> = {
  rows: Row<T>[];
  getScrollElement: () => HTMLElement | null;
  estimatedRowHeight: number;
  /** Renders one row; `measure` is its ref callback, so the virtualiser learns the row's real height. */
  renderRow: (row: Row<T>, index: number, measure: (element: Element | null) => void) => ReactNode;
  /** Set to the function that scrolls a row into view, for keyboard navigation to rows not in the DOM. */
  scrollToIndexRef: RefObject<((index: number) => void) | null>;
};

/**
 * The rows on screen of a long table, between two spacer rows that keep the scroll height. Its own chunk: a
 * table only needs it past its virtualisation threshold, which no first page reaches (see DataTable).
 */
export function VirtualRows<T>({
  rows,
  getScrollElement,
  estimatedRowHeight,
  renderRow,
  scrollToIndexRef,
}: VirtualRowsProps<T>) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement,
    estimateSize: () => estimatedRowHeight,
    overscan: 12,
  });

  useEffect(() => {
    scrollToIndexRef.current = (index) => virtualizer.scrollToIndex(index);
    return () => {
      scrollToIndexRef.current = null;
    };
  }, [scrollToIndexRef, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <>
      {paddingTop > 0 && <TableRow aria-hidden="true" style={{ height: paddingTop }} />}
      {items.map((item) => {
        const row = rows[item.index];
        return row ? renderRow(row, item.index, virtualizer.measureElement) : null;
      })}
      {paddingBottom > 0 && <TableRow aria-hidden="true" style={{ height: paddingBottom }} />}
    </>
  );
}
