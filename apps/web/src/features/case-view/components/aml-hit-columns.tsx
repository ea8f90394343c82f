import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@mui/icons-material/KeyboardArrowRight';
import { IconButton, Stack, Typography } from '@mui/material';
import { type AmlEntityHit, amlListTypeLabels, listingsOf } from '@review-desk/contracts';
import { type ColumnDef, createColumnHelper } from '@tanstack/react-table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { formatScore } from '@/lib/format';
import { AmlListingSource } from './aml-listing-source';
import { EnumValueDisplay } from './enum-value';
import { OptionalText } from './upstream-text';

/** A hit with the reference the case API knows it by: the provider's hit id, or "#<index>". */
export type AmlHitRow = { ref: string; hit: AmlEntityHit };

export const amlHitRef = (hit: AmlEntityHit, index: number) => hit.id ?? `#${index}`;

const column = createColumnHelper<AmlHitRow>();

// Words wrap only between words (a long one breaks only when it cannot fit a line of its own); dates and
// scores never wrap.
export const wrapWords = { overflowWrap: 'break-word', wordBreak: 'normal' } as const;
const noWrap = { whiteSpace: 'nowrap' } as const;

/** How each column's cells wrap. */
export const amlCellSx: Record<string, object> = {
  name: { ...wrapWords, minWidth: 140 },
  dateOfBirth: noWrap,
  nameMatchScore: noWrap,
  dateOfBirthMatchScore: noWrap,
  lists: { ...wrapWords, minWidth: 160 },
  resolutionStatus: wrapWords,
};

/** Missing scores sort last whichever way the column is sorted. */
const scoreSort = { sortUndefined: 'last' as const, sortDescFirst: true };

/** The hit's row: what tells two hits apart at a glance, with each listing's kind and source. Aliases and match
 * types are in its details. */
export const amlHitColumns: ColumnDef<AmlHitRow, unknown>[] = [
  column.display({
    id: 'expand',
    header: () => <VisuallyHidden>Details</VisuallyHidden>,
    cell: ({ row }) => {
      const name = row.original.hit.name ?? row.original.ref;
      return (
        <IconButton
          size="small"
          data-review-open
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
    cell: ({ row }) => (
      <>
        <Typography variant="body2" component="span" sx={{ display: 'block', fontWeight: 500 }}>
          <OptionalText value={row.original.hit.name} />
        </Typography>
        <Typography variant="caption" component="span" color="text.secondary">
          <EnumValueDisplay value={row.original.hit.entityType} />
        </Typography>
      </>
    ),
  }),
  column.display({
    id: 'dateOfBirth',
    header: 'Date of birth',
    cell: ({ row }) => <OptionalText value={row.original.hit.dateOfBirth} />,
  }),
  column.accessor((row) => row.hit.nameMatchScore ?? undefined, {
    id: 'nameMatchScore',
    header: 'Name match',
    ...scoreSort,
    cell: ({ row }) => <OptionalText value={formatScore(row.original.hit.nameMatchScore)} />,
  }),
  column.accessor((row) => row.hit.dateOfBirthMatchScore ?? undefined, {
    id: 'dateOfBirthMatchScore',
    header: 'Birth date match',
    ...scoreSort,
    cell: ({ row }) => <OptionalText value={formatScore(row.original.hit.dateOfBirthMatchScore)} />,
  }),
  column.display({
    id: 'lists',
    header: 'Lists and sources',
    cell: ({ row }) => <HitListings hit={row.original.hit} />,
  }),
  column.display({
    id: 'resolutionStatus',
    header: 'Capa resolution',
    cell: ({ row }) => <EnumValueDisplay value={row.original.hit.resolutionStatus} />,
  }),
];

/** Each listing's kind and source, one per line. */
function HitListings({ hit }: { hit: AmlEntityHit }) {
  const listings = listingsOf(hit);
  if (listings.length === 0) return <Typography variant="body2">{amlListTypeLabels.unclassified}</Typography>;
  return (
    <Stack spacing={0.5}>
      {listings.map((listing, index) => (
        <Typography key={index} variant="body2" component="div">
          <AmlListingSource listing={listing} />
        </Typography>
      ))}
    </Stack>
  );
}
