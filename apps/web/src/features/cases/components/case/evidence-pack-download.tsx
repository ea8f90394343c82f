import { Button, Checkbox, FormControlLabel, Paper, Stack, Typography } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import { useState } from 'react';
import { evidencePackUrl } from '../../api/evidence-pack-url';

/**
 * The case's evidence pack as a PDF, for a senior to hand to an auditor. The download is audited; printing the
 * identifiers in full is a choice of its own, audited separately.
 */
export function EvidencePackDownload({ summary }: { summary: CaseSummary }) {
  const [unmasked, setUnmasked] = useState(false);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Evidence pack">
      <Stack spacing={1}>
        <Typography variant="h6" component="h2">
          Evidence pack
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Decisions, dispositions, evidence hashes and the audit trail of this case, as a PDF.
          {summary.state !== 'resolved' && ' The case is not resolved: the pack is marked not final.'}
        </Typography>
        <FormControlLabel
          control={<Checkbox checked={unmasked} onChange={(event) => setUnmasked(event.target.checked)} />}
          label="Print ID number and tax id in full (recorded in the audit trail)"
        />
        <Button
          variant="outlined"
          component="a"
          href={evidencePackUrl(summary.id, unmasked)}
          download={`evidence-pack-${summary.id}.pdf`}
        >
          Download evidence pack
        </Button>
      </Stack>
    </Paper>
  );
}
