import type { ClientReferenceSection as ClientReferenceSectionData, Provider } from '@review-desk/contracts';
import { FieldGrid } from './field-grid';
import { MaskedIdentifier } from './masked-identifier';
import { ProvidedSection } from './section-card';
import { OptionalText } from './upstream-text';

type ClientReferenceSectionProps = {
  provider: Provider;
  section: ClientReferenceSectionData;
  onRevealTaxId?: () => Promise<string | null>;
};

/** What the partner told the provider about the person, to compare with the document. */
export function ClientReferenceSection({ provider, section, onRevealTaxId }: ClientReferenceSectionProps) {
  return (
    <ProvidedSection title="Client reference data" provider={provider} section={section}>
      {(reference) => (
        <FieldGrid
          fields={[
            { label: 'Profession', value: <OptionalText value={reference.profession} /> },
            { label: 'Phone', value: <OptionalText value={reference.phoneNumber} /> },
            { label: 'Birth country', value: <OptionalText value={reference.birthCountry} /> },
            {
              label: 'Tax id',
              value: <MaskedIdentifier label="tax id" value={reference.taxId} onReveal={onRevealTaxId} />,
            },
          ]}
        />
      )}
    </ProvidedSection>
  );
}
