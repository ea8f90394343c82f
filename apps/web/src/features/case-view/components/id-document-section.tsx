import { Alert, Stack, Typography } from '@mui/material';
import type { IdInfoSection, MediaSection, Provider } from '@review-desk/contracts';
import type { MediaSource } from '../api/media-url';
import { CheckDetails } from './check-details';
import { EnumValueDisplay } from './enum-value';
import { FieldGrid } from './field-grid';
import { MaskedIdentifier } from './masked-identifier';
import { CompareButton, MediaImage, type OnEvidenceViewed } from './media';
import { ProvidedSection } from './section-card';
import { OptionalText, UpstreamText } from './upstream-text';

type IdDocumentSectionProps = {
  provider: Provider;
  section: IdInfoSection;
  media: MediaSection;
  source: MediaSource;
  onRevealIdNumber?: () => Promise<string | null>;
  onEvidenceViewed?: OnEvidenceViewed;
};

function ExpiryNotice({
  expiry,
  date,
}: {
  expiry: 'expired' | 'near_expiry' | 'valid' | 'unknown';
  date: string | null;
}) {
  if (expiry === 'expired') {
    return (
      <Alert severity="error" variant="outlined" role="note">
        The document expired{date ? ` on ${date}` : ''}.
      </Alert>
    );
  }
  if (expiry === 'near_expiry') {
    return (
      <Alert severity="warning" variant="outlined" role="note">
        The document expires within 90 days{date ? ` (${date})` : ''}.
      </Alert>
    );
  }
  return null;
}

export function IdDocumentSection({
  provider,
  section,
  media,
  source,
  onRevealIdNumber,
  onEvidenceViewed,
}: IdDocumentSectionProps) {
  return (
    <ProvidedSection title="ID document" provider={provider} section={section}>
      {(id) => (
        <Stack spacing={2}>
          <ExpiryNotice expiry={id.expiry} date={id.idExpiryDate} />
          <FieldGrid
            fields={[
              { label: 'Full name', value: <OptionalText value={id.fullName} /> },
              { label: 'First name', value: <OptionalText value={id.firstName} /> },
              { label: 'Middle name', value: <OptionalText value={id.middleName} /> },
              { label: 'Last name', value: <OptionalText value={id.lastName} /> },
              { label: 'Second last name', value: <OptionalText value={id.secondLastName} /> },
              { label: 'Date of birth', value: <OptionalText value={id.birthDate} /> },
              { label: 'Gender', value: <EnumValueDisplay value={id.gender} /> },
              {
                label: 'Nationality',
                value: <CountryText name={id.nationality} code={id.nationalityCode} />,
              },
              { label: 'Document type', value: <EnumValueDisplay value={id.idType} /> },
              {
                label: 'Document number',
                value: (
                  <MaskedIdentifier label="document number" value={id.idNumber} onReveal={onRevealIdNumber} />
                ),
              },
              { label: 'Issued', value: <OptionalText value={id.idIssueDate} /> },
              {
                label: 'Expires',
                value: (
                  <Typography
                    component="span"
                    variant="body2"
                    sx={{
                      fontWeight: id.expiry === 'expired' || id.expiry === 'near_expiry' ? 700 : undefined,
                      color:
                        id.expiry === 'expired'
                          ? 'error.main'
                          : id.expiry === 'near_expiry'
                            ? 'warning.main'
                            : undefined,
                    }}
                  >
                    <OptionalText value={id.idExpiryDate} />
                    {id.expiry === 'expired' && ' (expired)'}
                    {id.expiry === 'near_expiry' && ' (expires soon)'}
                  </Typography>
                ),
              },
              {
                label: 'Issuing country',
                value: <CountryText name={id.issueCountry} code={id.issueCountryCode} />,
              },
              { label: 'Address', value: <OptionalText value={id.fullAddress} /> },
            ]}
          />
          <CheckDetails check={id} />
          <Typography variant="subtitle2" component="h3">
            Document images
          </Typography>
          <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }} useFlexGap>
            <MediaImage media={media} source={source} kind="front" onEvidenceViewed={onEvidenceViewed} />
            <MediaImage media={media} source={source} kind="back" onEvidenceViewed={onEvidenceViewed} />
          </Stack>
          <Typography variant="subtitle2" component="h3">
            Face comparison
          </Typography>
          <Stack
            direction="row"
            spacing={2}
            sx={{ flexWrap: 'wrap' }}
            useFlexGap
            aria-label="Selfie beside the document photo"
            role="group"
          >
            <MediaImage
              media={media}
              source={source}
              kind="selfie"
              onEvidenceViewed={onEvidenceViewed}
              height={260}
            />
            <MediaImage
              media={media}
              source={source}
              kind="front"
              onEvidenceViewed={onEvidenceViewed}
              height={260}
            />
          </Stack>
          <CompareButton media={media} source={source} onEvidenceViewed={onEvidenceViewed} />
        </Stack>
      )}
    </ProvidedSection>
  );
}

function CountryText({ name, code }: { name: string | null; code: string | null }) {
  if (name === null && code === null) return <OptionalText value={null} />;
  return (
    <>
      <OptionalText value={name ?? code} />
      {name !== null && code !== null && (
        <>
          {' ('}
          <UpstreamText>{code}</UpstreamText>)
        </>
      )}
    </>
  );
}
