import { Link } from '@mui/material';
import { type AmlListing, amlListTypeLabels } from '@review-desk/contracts';
import { OptionalText, UpstreamText } from './upstream-text';

/**
 * One listing's kind and its source: a link only when the provider sent an http(s) address (`listingsOf` keeps
 * no other), named by the source, the list or else the address itself, always rendered as text.
 */
export function AmlListingSource({ listing }: { listing: AmlListing }) {
  return (
    <>
      <strong>{amlListTypeLabels[listing.listType]}</strong>
      {': '}
      {listing.url ? (
        <Link href={listing.url} target="_blank" rel="noopener noreferrer">
          <UpstreamText>{listing.sourceName ?? listing.listName ?? listing.url}</UpstreamText>
        </Link>
      ) : (
        <OptionalText value={listing.sourceName ?? listing.listName} />
      )}
    </>
  );
}
