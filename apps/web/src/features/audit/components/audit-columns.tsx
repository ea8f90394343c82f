import { Link, Typography } from '@mui/material';
import type { AuditEntry } from '@review-desk/contracts';
import { type ColumnDef, createColumnHelper } from '@tanstack/react-table';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import { actionLabel } from '../utils/audit-labels';
import { AuditDetails } from './audit-details';

const column = createColumnHelper<AuditEntry>();

const filterHref = (key: 'caseId' | 'subject', value: string) =>
  paths.audit.getHref(new URLSearchParams({ [key]: value }));

/**
 * The audit trail's columns. A case links to the case page only for those who may open it; for others (an
 * administrator) it links to the trail filtered by that case, as a person links to the trail filtered by them.
 */
export function auditColumns(canOpenCases: boolean): ColumnDef<AuditEntry, unknown>[] {
  return [
    column.display({ id: 'id', header: '#', cell: ({ row }) => row.original.id }),
    column.display({ id: 'at', header: 'When', cell: ({ row }) => formatDateTime(row.original.at) }),
    column.display({
      id: 'actor',
      header: 'Who',
      cell: ({ row }) => <bdi dir="auto">{row.original.actor.username}</bdi>,
    }),
    column.display({
      id: 'action',
      header: 'Action',
      cell: ({ row }) => (
        <>
          {actionLabel(row.original.action)}
          <Typography variant="caption" component="div" color="text.secondary">
            <code>{row.original.action}</code>
          </Typography>
        </>
      ),
    }),
    column.display({
      id: 'case',
      header: 'Case',
      cell: ({ row }) => {
        const caseId = row.original.caseId;
        if (!caseId) return null;
        const href = canOpenCases ? paths.case.getHref(caseId) : filterHref('caseId', caseId);
        const label = canOpenCases ? `Case ${caseId.slice(0, 8)}` : `Rows of case ${caseId.slice(0, 8)}`;
        return (
          <Link component={RouterLink} to={href} aria-label={label}>
            {caseId.slice(0, 8)}
          </Link>
        );
      },
    }),
    column.display({
      id: 'subject',
      header: 'Person',
      cell: ({ row }) => {
        const subject = row.original.subject;
        if (!subject) return null;
        const ref = `${subject.provider}:${subject.id}`;
        return (
          <Link component={RouterLink} to={filterHref('subject', ref)} sx={{ overflowWrap: 'anywhere' }}>
            {ref}
          </Link>
        );
      },
    }),
    column.display({
      id: 'details',
      header: 'Details',
      cell: ({ row }) => <AuditDetails details={row.original.details} />,
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
}
