import { Box, Table, TableBody, TableCell, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { flexRender, type Row, type Table as TanstackTable } from '@tanstack/react-table';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

type VirtualRowsComponent = typeof import('./virtual-rows').VirtualRows;
let loadedVirtualRows: VirtualRowsComponent | null = null;

/**
 * The virtualiser, loaded the first time a table needs it: no first page has that many rows, so the page that
 * lists them does not wait for its code. Until it arrives (or if it cannot be loaded) every row is drawn.
 */
function useVirtualRows(needed: boolean): VirtualRowsComponent | null {
  const [component, setComponent] = useState(() => loadedVirtualRows);
  useEffect(() => {
    if (!needed || component !== null) return;
    let mounted = true;
    import('./virtual-rows').then(
      (module) => {
        loadedVirtualRows = module.VirtualRows;
        if (mounted) setComponent(() => module.VirtualRows);
      },
      () => {},
    );
    return () => {
      mounted = false;
    };
  }, [needed, component]);
  return component;
}

type DataTableProps<T> = {
  table: TanstackTable<T>;
  label: string;
  /** Enter on a row, or a click. */
  onOpenRow?: (row: T) => void;
  /** Other single-key shortcuts on the focused row; return true when handled. */
  onRowKey?: (key: string, row: T) => boolean;
  /** Rows beyond this many are virtualised: only those on screen are in the DOM. */
  virtualizeAfter?: number;
  estimatedRowHeight?: number;
  maxHeight?: string;
  empty?: ReactNode;
  footer?: ReactNode;
};

const isTyping = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio'));

/**
 * A table driven by a TanStack Table instance in manual mode (the server sorts, filters and pages), with
 * keyboard navigation (j/k or arrows move, Enter opens) and row virtualisation for long lists.
 */
export function DataTable<T>({
  table,
  label,
  onOpenRow,
  onRowKey,
  virtualizeAfter = 100,
  estimatedRowHeight = 56,
  maxHeight = 'calc(100vh - 320px)',
  empty,
  footer,
}: DataTableProps<T>) {
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowRefs = useRef(new Map<number, HTMLTableRowElement>());
  const scrollToIndexRef = useRef<((index: number) => void) | null>(null);
  const [activeIndex, setActiveIndex] = useState(0);
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const virtual = rows.length > virtualizeAfter;
  const VirtualRows = useVirtualRows(virtual);

  useEffect(() => {
    if (focusRequest === null) return;
    const element = rowRefs.current.get(focusRequest);
    if (element) {
      element.focus();
      setFocusRequest(null);
    }
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActiveIndex(next);
    if (virtual) scrollToIndexRef.current?.(next);
    setFocusRequest(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
    const row = rows[activeIndex];
    if (event.key === 'j' || event.key === 'ArrowDown') moveTo(activeIndex + 1);
    else if (event.key === 'k' || event.key === 'ArrowUp') moveTo(activeIndex - 1);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(rows.length - 1);
    else if (event.key === 'Enter' && row && onOpenRow && event.target === rowRefs.current.get(activeIndex))
      onOpenRow(row.original);
    else if (!(row && onRowKey?.(event.key, row.original))) return;
    event.preventDefault();
  };

  const renderRow = (row: Row<T>, index: number, measure?: (element: Element | null) => void) => (
    <TableRow
      key={row.id}
      ref={(element: HTMLTableRowElement | null) => {
        if (element) {
          rowRefs.current.set(index, element);
          measure?.(element);
        } else rowRefs.current.delete(index);
      }}
      data-index={index}
      hover
      selected={row.getIsSelected()}
      tabIndex={index === activeIndex ? 0 : -1}
      onFocus={() => setActiveIndex(index)}
      onClick={onOpenRow ? () => onOpenRow(row.original) : undefined}
      sx={{
        cursor: onOpenRow ? 'pointer' : undefined,
        '&:focus-visible': {
          outline: 2,
          outlineStyle: 'solid',
          outlineColor: 'primary.main',
          outlineOffset: -2,
        },
      }}
    >
      {row.getVisibleCells().map((cell) => (
        <TableCell key={cell.id} sx={{ verticalAlign: 'top' }}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </TableCell>
      ))}
    </TableRow>
  );

  const visibleColumns = table.getVisibleLeafColumns().length;

  return (
    <Box
      ref={scrollRef}
      sx={{ maxHeight, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Table size="small" stickyHeader aria-label={label} aria-rowcount={rows.length + 1}>
        <TableHead>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <TableCell
                    key={header.id}
                    sx={{ whiteSpace: 'nowrap' }}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <TableSortLabel
                        active={sorted !== false}
                        direction={sorted === false ? 'desc' : sorted}
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                      </TableSortLabel>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableHead>
        <TableBody onKeyDown={onKeyDown}>
          {rows.length === 0 && empty !== undefined && (
            <TableRow>
              <TableCell colSpan={visibleColumns}>{empty}</TableCell>
            </TableRow>
          )}
          {virtual && VirtualRows !== null ? (
            <VirtualRows
              rows={rows}
              getScrollElement={() => scrollRef.current}
              estimatedRowHeight={estimatedRowHeight}
              renderRow={renderRow}
              scrollToIndexRef={scrollToIndexRef}
            />
          ) : (
            rows.map((row, index) => renderRow(row, index))
          )}
        </TableBody>
      </Table>
      {footer}
    </Box>
  );
}
