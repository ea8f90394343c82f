import { Box, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { type CaseSummary, kycLinkCountries } from '@review-desk/contracts';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { useRequestKycLink } from '../../api/request-kyc-link';

type Country = (typeof kycLinkCountries)[number];
const countryLabels: Record<Country, string> = { MX: 'Mexico', DO: 'Dominican Republic' };

/** After Capa rejected a verification, a reviewer can ask Capa for a fresh KYC link to send the subject. */
export function KycLinkRequest({ summary }: { summary: CaseSummary }) {
  const [country, setCountry] = useState<Country>('MX');
  const request = useRequestKycLink();
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Fresh KYC link">
      <Typography variant="h6" component="h2" gutterBottom>
        Fresh KYC link
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        Capa rejected this verification. Ask Capa for a new link the subject can use to try again.
      </Typography>
      <Stack direction="row" spacing={1}>
        <TextField
          select
          size="small"
          label="Country"
          value={country}
          onChange={(event) => {
            const next = kycLinkCountries.find((value) => value === event.target.value);
            if (next) setCountry(next);
          }}
          sx={{ minWidth: 200 }}
        >
          {kycLinkCountries.map((value) => (
            <MenuItem key={value} value={value}>
              {countryLabels[value]}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          disabled={request.isPending}
          onClick={() => request.mutate({ caseId: summary.id, request: { country } })}
        >
          Request link
        </Button>
      </Stack>
      {request.isError && <ErrorState error={request.error} title="No link was issued" />}
      {request.data && (
        <Box sx={{ mt: 1.5 }}>
          <TextField
            label="KYC link (shown once, not stored)"
            value={request.data.kycLink}
            fullWidth
            size="small"
            slotProps={{ htmlInput: { readOnly: true } }}
            onFocus={(event) => event.target.select()}
          />
        </Box>
      )}
    </Paper>
  );
}
