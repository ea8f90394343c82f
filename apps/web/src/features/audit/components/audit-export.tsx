import { Button, Stack } from '@mui/material';
import { type AuditExportFilters, exportAuditUrl } from '../api/export-audit-url';

/** Downloads of the filtered range, oldest first; the server records who exported what. */
export function AuditExport({ filters }: { filters: AuditExportFilters }) {
  return (
    <Stack direction="row" spacing={1} component="section" aria-label="Export">
      <Button variant="outlined" size="small" component="a" href={exportAuditUrl(filters, 'csv')} download>
        Export CSV
      </Button>
      <Button variant="outlined" size="small" component="a" href={exportAuditUrl(filters, 'jsonl')} download>
        Export JSON lines
      </Button>
    </Stack>
  );
}
