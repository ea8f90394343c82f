import { Box, Checkbox, Chip, Stack, Typography } from '@mui/material';
import type { CaseSort, CaseSummary } from '@review-desk/contracts';
import { type ColumnDef, createColumnHelper } from '@tanstack/react-table';
import { formatDateTime, formatDuration, formatTimeLeft } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { CaseStateChip } from '../case-labels';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData, TValue> {
    /** The server sort this column stands for, when it can be sorted. */
    sort?: CaseSort;
    /** Shown in the column chooser. */
    label?: string;
  }
}

const column = createColumnHelper<CaseSummary>();

/**
 * screening: false for support, who are never served screening results: no hit types, and the triage score
 * (the part they may see) is not an order they can choose.
 */
export type QueueColumnOptions = { now: number; selectable: boolean; screening?: boolean };

const hitTypeLabels: Record<string, string> = {
  sanction: 'Sanctions',
  pep: 'PEP',
  adverse_media: 'Adverse media',
};
const hitTypeLabel = (type: string) => hitTypeLabels[type] ?? type.replaceAll('_', ' ');

const TOP_FACTORS = 2;

/** The queue's columns. Sorting is the server's: a sortable column names the API sort it maps to. */
export function createQueueColumns({
  now,
  selectable,
  screening = true,
}: QueueColumnOptions): ColumnDef<CaseSummary, unknown>[] {
  const columns: ColumnDef<CaseSummary, never>[] = [
    column.display({
      id: 'provider',
      header: 'Provider',
      meta: { label: 'Provider' },
      cell: ({ row }) => providerLabels[row.original.provider],
    }),
    column.display({
      id: 'subject',
      header: 'Subject',
      meta: { label: 'Subject' },
      enableHiding: false,
      // One line each, cut short on screen (the whole text is in the title and read out), so rows stay low.
      cell: ({ row }) => (
        <Box sx={{ minWidth: 0, maxWidth: 220 }}>
          <Typography
            variant="body2"
            noWrap
            sx={{ fontWeight: 600 }}
            title={row.original.displayName ?? undefined}
          >
            <bdi dir="auto">{row.original.displayName ?? 'Name not given'}</bdi>
          </Typography>
          <Typography
            variant="caption"
            component="p"
            noWrap
            color="text.secondary"
            title={row.original.subjectId}
          >
            <bdi dir="auto">{row.original.subjectId}</bdi>
          </Typography>
        </Box>
      ),
    }),
    column.display({
      id: 'subjectType',
      header: 'Type',
      meta: { label: 'Subject type' },
      cell: ({ row }) => (row.original.subjectType === 'business' ? 'Business' : 'Individual'),
    }),
    column.display({
      id: 'country',
      header: 'Country',
      meta: { label: 'Country' },
      cell: ({ row }) => <bdi dir="auto">{row.original.country ?? '—'}</bdi>,
    }),
    column.display({
      id: 'nationality',
      header: 'Nationality',
      meta: { label: 'Nationality' },
      cell: ({ row }) => <bdi dir="auto">{row.original.nationality ?? '—'}</bdi>,
    }),
    ...(screening
      ? [
          column.display({
            id: 'hitTypes',
            header: 'Hit types',
            meta: { label: 'AML hit types' },
            cell: ({ row }) => (
              <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
                {row.original.hitTypes.length === 0
                  ? 'None'
                  : row.original.hitTypes.map(hitTypeLabel).join(', ')}
              </Box>
            ),
          }),
        ]
      : []),
    column.display({
      id: 'upstreamStatus',
      header: 'Upstream status',
      meta: { label: 'Upstream status' },
      cell: ({ row }) => <bdi dir="auto">{row.original.upstreamStatus}</bdi>,
    }),
    column.display({
      id: 'state',
      header: 'State',
      meta: { label: 'State' },
      cell: ({ row }) => <CaseStateChip state={row.original.state} resolution={row.original.resolution} />,
    }),
    // Accessor columns only so that TanStack offers sorting on them; the server does the sorting.
    column.accessor((row) => row.triage.score, {
      id: 'triage',
      header: 'Triage score',
      meta: { label: 'Triage score', ...(screening ? { sort: 'score' as const } : {}) },
      enableSorting: screening,
      sortDescFirst: true,
      cell: ({ row }) => {
        const factors = [...row.original.triage.factors]
          .sort((a, b) => b.points - a.points)
          .slice(0, TOP_FACTORS);
        const all = factors.map((factor) => `+${factor.points} ${factor.label}`).join(', ');
        return (
          <Box sx={{ maxWidth: 200 }}>
            <Typography variant="body2" sx={{ fontWeight: 700 }}>
              {row.original.triage.score}
            </Typography>
            <Typography variant="caption" component="p" noWrap color="text.secondary" title={all}>
              {factors.map((factor, index) => (
                <span key={factor.code}>
                  {index > 0 && ', '}
                  <span>
                    +{factor.points} {factor.label}
                  </span>
                </span>
              ))}
            </Typography>
          </Box>
        );
      },
    }),
    column.accessor('createdAt', {
      id: 'age',
      header: 'Age / SLA',
      meta: { label: 'Age and SLA', sort: 'age' },
      enableSorting: true,
      sortDescFirst: false,
      cell: ({ row }) => {
        const { createdAt, slaDueAt, slaBreached, resolvedAt } = row.original;
        return (
          <Stack sx={{ whiteSpace: 'nowrap', alignItems: 'flex-start' }}>
            <Typography variant="body2" title={`Opened ${formatDateTime(createdAt)}`}>
              {formatDuration(now - Date.parse(createdAt))}
            </Typography>
            {resolvedAt === null &&
              (slaBreached ? (
                <Chip
                  size="small"
                  color="error"
                  label={`SLA ${formatTimeLeft(slaDueAt, now)}`}
                  sx={{ height: 18 }}
                />
              ) : (
                <Typography variant="caption" color="text.secondary">
                  SLA {formatTimeLeft(slaDueAt, now)}
                </Typography>
              ))}
          </Stack>
        );
      },
    }),
    column.display({
      id: 'assignee',
      header: 'Assignee',
      meta: { label: 'Assignee' },
      cell: ({ row }) =>
        row.original.assignee ? (
          <Typography variant="body2" noWrap sx={{ maxWidth: 200 }} title={row.original.assignee.displayName}>
            Claimed by {row.original.assignee.displayName}
          </Typography>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Unassigned
          </Typography>
        ),
    }),
  ];
  if (!selectable) return columns;
  return [
    column.display({
      id: 'select',
      enableHiding: false,
      header: ({ table }) => (
        <Checkbox
          size="small"
          checked={table.getIsAllRowsSelected()}
          indeterminate={table.getIsSomeRowsSelected()}
          onChange={table.getToggleAllRowsSelectedHandler()}
          slotProps={{ input: { 'aria-label': 'Select all cases on screen' } }}
        />
      ),
      cell: ({ row }) => (
        <Checkbox
          size="small"
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
          onClick={(event) => event.stopPropagation()}
          slotProps={{
            input: { 'aria-label': `Select ${row.original.displayName ?? row.original.subjectId}` },
          }}
        />
      ),
    }),
    ...columns,
  ];
}
