import { Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { CheckWarning, EnumValue, StatusReason } from '@review-desk/contracts';
import { EnumValueDisplay } from './enum-value';
import { FieldGrid } from './field-grid';
import { OptionalText } from './upstream-text';

export function CheckOutcome({ result, status }: { result: EnumValue | null; status: EnumValue | null }) {
  return (
    <FieldGrid
      fields={[
        { label: 'Result', value: <EnumValueDisplay value={result} /> },
        { label: 'Status', value: <EnumValueDisplay value={status} /> },
      ]}
    />
  );
}

export function StatusReasons({ reasons }: { reasons: StatusReason[] }) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        Status reasons
      </Typography>
      {reasons.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None given
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {reasons.map((reason, index) => (
            <Typography component="li" variant="body2" key={index}>
              <Box component="code" sx={{ mr: 1 }}>
                <OptionalText value={reason.code} empty="no code" />
              </Box>
              <OptionalText value={reason.message} empty="no message" />
            </Typography>
          ))}
        </Box>
      )}
    </Box>
  );
}

export function WarningsTable({
  warnings,
  caption = 'Warnings',
}: {
  warnings: CheckWarning[];
  caption?: string;
}) {
  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        {caption}
      </Typography>
      {warnings.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          None
        </Typography>
      ) : (
        // Warning codes are long single words: on a phone the table scrolls inside its section, not the page.
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={caption}>
            <TableHead>
              <TableRow>
                <TableCell>Code</TableCell>
                <TableCell>Message</TableCell>
                <TableCell>Resolution</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {warnings.map((warning, index) => (
                <TableRow key={warning.warningId ?? `#${index}`}>
                  <TableCell>
                    <OptionalText value={warning.code} />
                  </TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere', minWidth: 160 }}>
                    <OptionalText value={warning.message} />
                  </TableCell>
                  <TableCell>
                    <EnumValueDisplay value={warning.resolutionStatus} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}

type CheckFields = {
  result: EnumValue | null;
  status: EnumValue | null;
  statusReasons: StatusReason[];
  warnings: CheckWarning[];
};

/** The result, status, reasons and warnings every provider check carries. */
export function CheckDetails({ check }: { check: CheckFields }) {
  // Beside an image the details take the rest of the row, and may be narrower than their widest table (which
  // then scrolls in its own box); under it they take the whole width.
  return (
    <Stack spacing={2} sx={{ flex: 1, minWidth: 0, alignSelf: 'stretch' }}>
      <CheckOutcome result={check.result} status={check.status} />
      <StatusReasons reasons={check.statusReasons} />
      <WarningsTable warnings={check.warnings} />
    </Stack>
  );
}
