import { Box, Table, TableBody, TableCell, TableHead, TableRow, TableSortLabel } from '@mui/material';
import { listTypesOf } from '@review-desk/contracts';
import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useState } from 'react';
import { AmlDispositionCell, type AmlDispositionControl } from './aml-disposition-control';
import { type AmlHitRow, amlCellSx, amlHitColumns } from './aml-hit-columns';
import { AmlHitDetails } from './aml-hit-details';
import type { OnEvidenceViewed } from './media';

type Props = {
  rows: AmlHitRow[];
  disposition: AmlDispositionControl | undefined;
  onEvidenceViewed: OnEvidenceViewed | undefined;
};

const sortLabels: Record<string, string> = {
  nameMatchScore: 'name match score',
  dateOfBirthMatchScore: 'birth date match score',
};

/**
 * The entity hits, one group of rows per hit: its facts, its disposition beneath them (in a case), and its
 * details when expanded. Sorted by name or birth-date match score on request, else in the provider's order.
 */
export function AmlHitsTable({ rows, disposition, onEvidenceViewed }: Props) {
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data: rows,
    columns: amlHitColumns,
    getRowId: (row) => row.ref,
    state: { expanded, sorting },
    onSortingChange: setSorting,
    onExpandedChange: (updater) => {
      const next = typeof updater === 'function' ? updater(expanded) : updater;
      const nextRecord = next === true ? Object.fromEntries(rows.map((row) => [row.ref, true])) : next;
      for (const [ref, open] of Object.entries(nextRecord)) {
        if (open && !expanded[ref]) onEvidenceViewed?.('aml_hit', ref);
      }
      setExpanded(nextRecord);
    },
    getRowCanExpand: () => true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
  });
  const width = amlHitColumns.length;

  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="AML entity hits">
        <TableHead>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <TableCell
                    key={header.id}
                    sx={{ px: 1, verticalAlign: 'bottom' }}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <TableSortLabel
                        active={sorted !== false}
                        direction={sorted === false ? 'desc' : sorted}
                        onClick={header.column.getToggleSortingHandler()}
                        title={`Sort by ${sortLabels[header.id] ?? header.id}`}
                      >
                        {label}
                      </TableSortLabel>
                    ) : (
                      label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableHead>
        {table.getRowModel().rows.map((row) => (
          // One body per hit: j / k stop on it, and 1 / 2 / 3 press its disposition buttons.
          <TableBody
            key={row.id}
            tabIndex={-1}
            data-review-stop="hit"
            data-hit-ref={row.original.ref}
            sx={{ scrollMarginTop: 48, '&:focus-visible': { outlineOffset: -2 } }}
          >
            <TableRow>
              {row.getVisibleCells().map((cell) => (
                <TableCell
                  key={cell.id}
                  sx={{
                    verticalAlign: 'top',
                    px: 1,
                    ...(disposition ? { borderBottom: 'none' } : {}),
                    ...amlCellSx[cell.column.id],
                  }}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
            {disposition && (
              <TableRow>
                <TableCell />
                <TableCell colSpan={width - 1} sx={{ pt: 0 }}>
                  <AmlDispositionCell
                    control={disposition}
                    hitRef={row.original.ref}
                    hitName={row.original.hit.name ?? row.original.ref}
                    listTypes={listTypesOf(row.original.hit)}
                  />
                </TableCell>
              </TableRow>
            )}
            {row.getIsExpanded() && (
              <TableRow>
                <TableCell colSpan={width} sx={{ bgcolor: 'action.hover' }}>
                  <AmlHitDetails hit={row.original.hit} />
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        ))}
      </Table>
    </Box>
  );
}
