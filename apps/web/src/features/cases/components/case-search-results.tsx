import { Link, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { CaseStateChip } from './case-labels';

/** Known cases matching a search, each linking to its case page. */
export function CaseSearchResults({ cases }: { cases: CaseSummary[] }) {
  return (
    <Table size="small" aria-label="Matching cases">
      <TableHead>
        <TableRow>
          <TableCell>Subject</TableCell>
          <TableCell>Provider</TableCell>
          <TableCell>Subject id</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Upstream status</TableCell>
          <TableCell>Opened</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {cases.map((item) => (
          <TableRow key={item.id} hover>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>
              <Link component={RouterLink} to={paths.case.getHref(item.id)}>
                <bdi dir="auto">{item.displayName ?? 'Name not given'}</bdi>
              </Link>
            </TableCell>
            <TableCell>{providerLabels[item.provider]}</TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>
              <bdi dir="auto">{item.subjectId}</bdi>
            </TableCell>
            <TableCell>
              <CaseStateChip state={item.state} resolution={item.resolution} />
            </TableCell>
            <TableCell>
              <bdi dir="auto">{item.upstreamStatus}</bdi>
            </TableCell>
            <TableCell>{formatDateTime(item.createdAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
