import { Link, Typography } from '@mui/material';
import type { AuditEntry } from '@review-desk/contracts';
import { type ColumnDef, createColumnHelper } from '@tanstack/react-table';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';

const column = createColumnHelper<AuditEntry>();

const detailsText = (details: unknown) => {
  if (details === null || details === undefined) return '';
  const text = JSON.stringify(details);
  return text === '{}' ? '' : text;
};

export const auditColumns: ColumnDef<AuditEntry, unknown>[] = [
  column.display({ id: 'id', header: '#', cell: ({ row }) => row.original.id }),
  column.display({ id: 'at', header: 'When', cell: ({ row }) => formatDateTime(row.original.at) }),
  column.display({
    id: 'actor',
    header: 'Who',
    cell: ({ row }) => <bdi dir="auto">{row.original.actor.username}</bdi>,
  }),
  column.display({ id: 'action', header: 'Action', cell: ({ row }) => <code>{row.original.action}</code> }),
  column.display({
    id: 'case',
    header: 'Case',
    cell: ({ row }) =>
      row.original.caseId ? (
        <Link component={RouterLink} to={paths.case.getHref(row.original.caseId)}>
          {row.original.caseId.slice(0, 8)}
        </Link>
      ) : null,
  }),
  column.display({
    id: 'details',
    header: 'Details',
    cell: ({ row }) => (
      <Typography
        variant="caption"
        component="span"
        sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}
      >
        {detailsText(row.original.details)}
      </Typography>
    ),
  }),
  column.display({
    id: 'requestId',
    header: 'Request id',
    cell: ({ row }) => (
      <Typography variant="caption" component="span" sx={{ fontFamily: 'monospace' }}>
        {row.original.requestId ?? ''}
      </Typography>
    ),
  }),
];
