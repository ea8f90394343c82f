import { Alert, Stack, Typography } from '@mui/material';
import type { AmlSection as AmlSectionData, Provider } from '@review-desk/contracts';
import type { AmlDispositionControl } from './aml-disposition-control';
import { amlHitRef } from './aml-hit-columns';
import { AmlHitsTable } from './aml-hits-table';
import { CheckDetails } from './check-details';
import { FieldGrid } from './field-grid';
import type { OnEvidenceViewed } from './media';
import { ProvidedSection } from './section-card';
import { OptionalText } from './upstream-text';

type AmlSectionProps = {
  provider: Provider;
  section: AmlSectionData;
  /** Only inside a case, for a user who may record dispositions there. */
  disposition?: AmlDispositionControl;
  onEvidenceViewed?: OnEvidenceViewed;
};

export function AmlSection({ provider, section, disposition, onEvidenceViewed }: AmlSectionProps) {
  return (
    <ProvidedSection title="AML screening" provider={provider} section={section}>
      {(aml) => (
        <Stack spacing={2}>
          <FieldGrid
            fields={[
              {
                label: 'Hits',
                value: aml.numHits === null ? <OptionalText value={null} /> : String(aml.numHits),
              },
              { label: 'Search term', value: <OptionalText value={aml.searchCriteria?.searchTerm} /> },
              {
                label: 'Fuzziness',
                value: <OptionalText value={aml.searchCriteria?.fuzzinessScore?.toString()} />,
              },
              {
                label: 'Exact match',
                value: (
                  <OptionalText
                    value={
                      aml.searchCriteria?.exactMatch === null || aml.searchCriteria === null
                        ? null
                        : aml.searchCriteria.exactMatch
                          ? 'Yes'
                          : 'No'
                    }
                  />
                ),
              },
            ]}
          />
          {aml.numHits !== null && aml.numHits !== aml.entityHits.length && (
            <Alert severity="warning" variant="outlined" role="note">
              The provider reports {aml.numHits} {aml.numHits === 1 ? 'hit' : 'hits'} but sent{' '}
              {aml.entityHits.length}.
            </Alert>
          )}
          <CheckDetails check={aml} />
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            Entity hits
          </Typography>
          {aml.entityHits.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No entity hits.
            </Typography>
          ) : (
            <AmlHitsTable
              rows={aml.entityHits.map((hit, index) => ({ ref: amlHitRef(hit, index), hit }))}
              disposition={disposition}
              onEvidenceViewed={onEvidenceViewed}
            />
          )}
        </Stack>
      )}
    </ProvidedSection>
  );
}
