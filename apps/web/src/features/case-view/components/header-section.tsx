import { Chip, Stack, Typography } from '@mui/material';
import type { CaseView } from '@review-desk/contracts';
import { formatDateTime } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { EnumValueDisplay } from './enum-value';
import { FieldGrid } from './field-grid';
import { NotProvidedNotice, SectionCard } from './section-card';
import { OptionalText, UpstreamText } from './upstream-text';

type HeaderSectionProps = Pick<CaseView, 'provider' | 'subject' | 'verification'>;

/** Who is being verified, by which provider, and the provider's overall verdict. */
export function HeaderSection({ provider, subject, verification }: HeaderSectionProps) {
  return (
    <SectionCard title="Verification">
      <Stack spacing={2}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', minWidth: 0 }}>
          <Typography
            variant="h5"
            component="p"
            sx={{ fontWeight: 600, overflowWrap: 'anywhere', minWidth: 0 }}
          >
            {subject.displayName ? <UpstreamText>{subject.displayName}</UpstreamText> : 'Name not given'}
          </Typography>
          <Chip size="small" label={providerLabels[provider]} />
          <Chip
            size="small"
            variant="outlined"
            label={subject.type === 'business' ? 'Business' : 'Individual'}
          />
        </Stack>
        <FieldGrid
          fields={[
            {
              label: provider === 'capa' ? 'Capa user id' : 'connectFi customer id',
              value: <UpstreamText>{subject.id}</UpstreamText>,
            },
            ...(provider === 'capa'
              ? [{ label: 'External user id', value: <OptionalText value={subject.externalUserId} /> }]
              : []),
            // A business has no birth date, and its identifier is its tax id.
            ...(subject.type === 'business'
              ? [{ label: 'Tax id', value: <OptionalText value={subject.idNumberMasked} /> }]
              : [
                  { label: 'Date of birth', value: <OptionalText value={subject.birthDate} /> },
                  { label: 'Document number', value: <OptionalText value={subject.idNumberMasked} /> },
                ]),
          ]}
        />
        {verification.provided ? (
          <FieldGrid
            fields={[
              { label: 'Verification result', value: <EnumValueDisplay value={verification.result} /> },
              {
                label: 'Upstream status',
                value: <EnumValueDisplay value={verification.status} empty="None sent" />,
              },
              { label: 'Session', value: <OptionalText value={verification.verificationSessionId} /> },
              {
                label: 'Created',
                value: (
                  <OptionalText value={verification.createdAt && formatDateTime(verification.createdAt)} />
                ),
              },
            ]}
          />
        ) : (
          <NotProvidedNotice provider={provider} />
        )}
      </Stack>
    </SectionCard>
  );
}
