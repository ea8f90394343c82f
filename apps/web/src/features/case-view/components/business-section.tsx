import { Stack } from '@mui/material';
import type { BusinessSection as BusinessSectionData, Provider } from '@review-desk/contracts';
import { EnumValueDisplay } from './enum-value';
import { FieldGrid } from './field-grid';
import { MaskedIdentifier } from './masked-identifier';
import type { OnEvidenceViewed } from './media';
import { OwnersTable } from './owners-table';
import { ProvidedSection } from './section-card';
import { OptionalText } from './upstream-text';

type BusinessSectionProps = {
  provider: Provider;
  section: BusinessSectionData;
  onRevealTaxId?: () => Promise<string | null>;
  /** Inside a case: the owner refs the reviewer has opened. */
  viewedOwnerRefs?: ReadonlySet<string>;
  onEvidenceViewed?: OnEvidenceViewed;
};

/** The business Capa KYB verified, and the people who own it. */
export function BusinessSection({
  provider,
  section,
  onRevealTaxId,
  viewedOwnerRefs,
  onEvidenceViewed,
}: BusinessSectionProps) {
  return (
    <ProvidedSection title="Business" provider={provider} section={section}>
      {(business) => (
        <Stack spacing={2}>
          <FieldGrid
            fields={[
              { label: 'Business name', value: <OptionalText value={business.businessName} /> },
              {
                label: 'Country of constitution',
                value: <OptionalText value={business.countryOfConstitution} />,
              },
              {
                label: 'Tax id',
                value: <MaskedIdentifier label="tax id" value={business.taxId} onReveal={onRevealTaxId} />,
              },
              { label: 'KYB status', value: <EnumValueDisplay value={business.verificationStatus} /> },
            ]}
          />
          <OwnersTable
            owners={business.beneficialOwners}
            viewedOwnerRefs={viewedOwnerRefs}
            onEvidenceViewed={onEvidenceViewed}
          />
        </Stack>
      )}
    </ProvidedSection>
  );
}
