import {
  Alert,
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { AmlSection as AmlSectionData, Provider } from '@review-desk/contracts';
import { flexRender, getCoreRowModel, getExpandedRowModel, useReactTable } from '@tanstack/react-table';
import { Fragment, useMemo, useState } from 'react';
import type { AmlDispositionControl } from './aml-disposition-control';
import { type AmlHitRow, amlHitRef, createAmlHitColumns } from './aml-hit-columns';
import { CheckDetails } from './check-details';
import { FieldGrid } from './field-grid';
import { KeyValueTree } from './key-value-tree';
import type { OnEvidenceViewed } from './media';
import { ProvidedSection } from './section-card';
import { OptionalText } from './upstream-text';

type AmlSectionProps = {
  provider: Provider;
  section: AmlSectionData;
  /** Only inside a case, for a user who may record dispositions there. */
  disposition?: AmlDispositionControl;
  onEvidenceViewed?: OnEvidenceViewed;
};

export function AmlSection({ provider, section, disposition, onEvidenceViewed }: AmlSectionProps) {
  return (
    <ProvidedSection title="AML screening" provider={provider} section={section}>
      {(aml) => (
        <Stack spacing={2}>
          <FieldGrid
            fields={[
              {
                label: 'Hits',
                value: aml.numHits === null ? <OptionalText value={null} /> : String(aml.numHits),
              },
              { label: 'Search term', value: <OptionalText value={aml.searchCriteria?.searchTerm} /> },
              {
                label: 'Fuzziness',
                value: <OptionalText value={aml.searchCriteria?.fuzzinessScore?.toString()} />,
              },
              {
                label: 'Exact match',
                value: (
                  <OptionalText
                    value={
                      aml.searchCriteria?.exactMatch === null || aml.searchCriteria === null
                        ? null
                        : aml.searchCriteria.exactMatch
                          ? 'Yes'
                          : 'No'
                    }
                  />
                ),
              },
            ]}
          />
          {aml.numHits !== null && aml.numHits !== aml.entityHits.length && (
            <Alert severity="warning" variant="outlined" role="note">
              The provider reports {aml.numHits} {aml.numHits === 1 ? 'hit' : 'hits'} but sent{' '}
              {aml.entityHits.length}.
            </Alert>
          )}
          <CheckDetails check={aml} />
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            Entity hits
          </Typography>
          {aml.entityHits.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No entity hits.
            </Typography>
          ) : (
            <AmlHitsTable
              rows={aml.entityHits.map((hit, index) => ({ ref: amlHitRef(hit, index), hit }))}
              disposition={disposition}
              onEvidenceViewed={onEvidenceViewed}
            />
          )}
        </Stack>
      )}
    </ProvidedSection>
  );
}

type AmlHitsTableProps = {
  rows: AmlHitRow[];
  disposition: AmlDispositionControl | undefined;
  onEvidenceViewed: OnEvidenceViewed | undefined;
};

function AmlHitsTable({ rows, disposition, onEvidenceViewed }: AmlHitsTableProps) {
  const columns = useMemo(() => createAmlHitColumns(disposition), [disposition]);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.ref,
    state: { expanded },
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
    getExpandedRowModel: getExpandedRowModel(),
  });

  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="AML entity hits">
        <TableHead>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id}>
              {group.headers.map((header) => (
                <TableCell key={header.id}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableHead>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <Fragment key={row.id}>
              <TableRow>
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id} sx={{ verticalAlign: 'top', overflowWrap: 'anywhere' }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </TableCell>
                ))}
              </TableRow>
              {row.getIsExpanded() && (
                <TableRow>
                  <TableCell colSpan={row.getVisibleCells().length} sx={{ bgcolor: 'action.hover' }}>
                    <Typography variant="subtitle2" component="h4" sx={{ mb: 1 }}>
                      Listing details
                    </Typography>
                    {row.original.hit.amlHits.length === 0 ? (
                      <Typography variant="body2" color="text.secondary">
                        No listing details sent.
                      </Typography>
                    ) : (
                      <KeyValueTree value={row.original.hit.amlHits} />
                    )}
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
