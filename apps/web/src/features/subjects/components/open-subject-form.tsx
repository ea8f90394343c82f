import {
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import type { Provider } from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { isProvider } from '@/lib/providers';

type OpenSubjectFormProps = { initialId?: string; onOpen: (provider: Provider, id: string) => void };

/** Goes straight to a subject's live verification by its provider id, whether or not a case exists. */
export function OpenSubjectForm({ initialId = '', onOpen }: OpenSubjectFormProps) {
  const [provider, setProvider] = useState<Provider>('capa');
  const [id, setId] = useState(initialId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim() !== '') onOpen(provider, id.trim());
  };

  return (
    <Box component="form" onSubmit={submit} aria-label="Open a subject by id">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <FormControl>
          <FormLabel id="open-subject-provider">Provider</FormLabel>
          <RadioGroup
            row
            aria-labelledby="open-subject-provider"
            value={provider}
            onChange={(event) => {
              if (isProvider(event.target.value)) setProvider(event.target.value);
            }}
          >
            <FormControlLabel value="capa" control={<Radio />} label="Capa user id" />
            <FormControlLabel value="connectfi" control={<Radio />} label="connectFi customer id" />
          </RadioGroup>
        </FormControl>
        <TextField
          label={provider === 'capa' ? 'Capa user id' : 'connectFi customer id'}
          value={id}
          onChange={(event) => setId(event.target.value)}
          sx={{ minWidth: 320 }}
        />
        <Button type="submit" variant="outlined" disabled={id.trim() === ''}>
          Open subject
        </Button>
      </Stack>
    </Box>
  );
}
