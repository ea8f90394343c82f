import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@mui/icons-material/KeyboardArrowRight';
import { IconButton, Link, Stack, Typography } from '@mui/material';
import { type AmlEntityHit, amlListTypeLabels, listingsOf, listTypesOf } from '@review-desk/contracts';
import { type ColumnDef, createColumnHelper } from '@tanstack/react-table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { formatScore } from '@/lib/format';
import { AmlDispositionCell, type AmlDispositionControl } from './aml-disposition-control';
import { EnumValueDisplay } from './enum-value';
import { OptionalText, UpstreamText } from './upstream-text';

/** A hit with the reference the case API knows it by: the provider's hit id, or "#<index>". */
export type AmlHitRow = { ref: string; hit: AmlEntityHit };

export const amlHitRef = (hit: AmlEntityHit, index: number) => hit.id ?? `#${index}`;

const column = createColumnHelper<AmlHitRow>();

export function createAmlHitColumns(
  disposition: AmlDispositionControl | undefined,
): ColumnDef<AmlHitRow, unknown>[] {
  const columns = [
    column.display({
      id: 'expand',
      header: () => <VisuallyHidden>Details</VisuallyHidden>,
      cell: ({ row }) => {
        const name = row.original.hit.name ?? row.original.ref;
        return (
          <IconButton
            size="small"
            aria-expanded={row.getIsExpanded()}
            aria-label={`${row.getIsExpanded() ? 'Hide' : 'Show'} listing details for ${name}`}
            onClick={row.getToggleExpandedHandler()}
          >
            {row.getIsExpanded() ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          </IconButton>
        );
      },
    }),
    column.display({
      id: 'name',
      header: 'Name',
      cell: ({ row }) => <OptionalText value={row.original.hit.name} />,
    }),
    column.display({
      id: 'entityType',
      header: 'Entity type',
      cell: ({ row }) => <EnumValueDisplay value={row.original.hit.entityType} />,
    }),
    column.display({
      id: 'nameMatchScore',
      header: 'Name match',
      cell: ({ row }) => <OptionalText value={formatScore(row.original.hit.nameMatchScore)} />,
    }),
    column.display({
      id: 'dateOfBirth',
      header: 'Date of birth',
      cell: ({ row }) => <OptionalText value={row.original.hit.dateOfBirth} />,
    }),
    column.display({
      id: 'dateOfBirthMatchScore',
      header: 'Birth date match',
      cell: ({ row }) => <OptionalText value={formatScore(row.original.hit.dateOfBirthMatchScore)} />,
    }),
    column.display({
      id: 'alsoKnownAs',
      header: 'Also known as',
      cell: ({ row }) =>
        row.original.hit.alsoKnownAs.length === 0 ? (
          <OptionalText value={null} empty="None" />
        ) : (
          row.original.hit.alsoKnownAs.map((alias, index) => (
            <span key={index}>
              {index > 0 && '; '}
              <UpstreamText>{alias}</UpstreamText>
            </span>
          ))
        ),
    }),
    column.display({
      id: 'lists',
      header: 'Lists',
      cell: ({ row }) => <HitLists hit={row.original.hit} />,
    }),
    column.display({
      id: 'resolutionStatus',
      header: 'Capa resolution',
      cell: ({ row }) => <EnumValueDisplay value={row.original.hit.resolutionStatus} />,
    }),
  ];
  if (disposition) {
    columns.push(
      column.display({
        id: 'disposition',
        header: 'Disposition',
        cell: ({ row }) => (
          <AmlDispositionCell
            control={disposition}
            hitRef={row.original.ref}
            hitName={row.original.hit.name ?? row.original.ref}
            listTypes={listTypesOf(row.original.hit)}
          />
        ),
      }),
    );
  }
  return columns;
}

/** The kinds of list the hit is on, and each listing's source as a link (upstream text, rendered as text). */
function HitLists({ hit }: { hit: AmlEntityHit }) {
  const listings = listingsOf(hit);
  if (listings.length === 0) return <Typography variant="body2">{amlListTypeLabels.unclassified}</Typography>;
  return (
    <Stack spacing={0.5}>
      {listings.map((listing, index) => (
        <Typography key={index} variant="body2" component="div">
          <strong>{amlListTypeLabels[listing.listType]}</strong>
          {': '}
          {listing.url ? (
            <Link href={listing.url} target="_blank" rel="noopener noreferrer">
              <UpstreamText>{listing.sourceName ?? listing.listName ?? listing.url}</UpstreamText>
            </Link>
          ) : (
            <OptionalText value={listing.sourceName ?? listing.listName} />
          )}
        </Typography>
      ))}
    </Stack>
  );
}
