import { Box, Stack, Typography } from '@mui/material';
import { type AmlEntityHit, listingsOf } from '@review-desk/contracts';
import { AmlListingSource } from './aml-listing-source';
import { FieldGrid } from './field-grid';
import { KeyValueTree } from './key-value-tree';
import { OptionalText, UpstreamText } from './upstream-text';

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const field = (raw: unknown, key: string): unknown =>
  typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;

/** The fields each listing says matched ("name", "date_of_birth"…), once each, as the provider spells them. */
const matchTypesOf = (hit: AmlEntityHit) => [
  ...new Set(
    hit.amlHits.flatMap((raw) => [...texts(field(raw, 'matchedFields')), ...texts(field(raw, 'matchTypes'))]),
  ),
];

/** An expanded hit: its aliases, what matched, every listing with its source, and the listings as sent. */
export function AmlHitDetails({ hit }: { hit: AmlEntityHit }) {
  const listings = listingsOf(hit);
  const matchTypes = matchTypesOf(hit);
  return (
    <Stack spacing={1.5}>
      <FieldGrid
        fields={[
          {
            label: 'Also known as',
            value:
              hit.alsoKnownAs.length === 0 ? (
                <OptionalText value={null} empty="None" />
              ) : (
                hit.alsoKnownAs.map((alias, index) => (
                  <span key={index}>
                    {index > 0 && '; '}
                    <UpstreamText>{alias}</UpstreamText>
                  </span>
                ))
              ),
          },
          {
            label: 'Match types',
            value:
              matchTypes.length === 0 ? (
                <OptionalText value={null} empty="Not given" />
              ) : (
                matchTypes.map((type, index) => (
                  <span key={type}>
                    {index > 0 && ', '}
                    <UpstreamText>{type}</UpstreamText>
                  </span>
                ))
              ),
          },
        ]}
      />
      <Typography variant="subtitle2" component="h4">
        Listings and sources
      </Typography>
      {listings.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No listing details sent.
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {listings.map((listing, index) => (
            <Typography key={index} component="li" variant="body2" sx={{ overflowWrap: 'break-word' }}>
              <AmlListingSource listing={listing} />
              {listing.sourceName && listing.listName && (
                <>
                  {' · '}
                  <UpstreamText>{listing.listName}</UpstreamText>
                </>
              )}
            </Typography>
          ))}
        </Box>
      )}
      {hit.amlHits.length > 0 && (
        <Box component="details">
          <Box component="summary" sx={{ cursor: 'pointer', typography: 'body2' }}>
            Listings as the provider sent them
          </Box>
          <KeyValueTree value={hit.amlHits} />
        </Box>
      )}
    </Stack>
  );
}
