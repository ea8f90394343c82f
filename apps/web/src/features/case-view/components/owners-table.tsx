import {
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { type BeneficialOwner, significantOwnershipPercent } from '@review-desk/contracts';
import { useState } from 'react';
import { VisuallyHidden } from '@/components/visually-hidden';
import { FieldGrid } from './field-grid';
import type { OnEvidenceViewed } from './media';
import { OptionalText } from './upstream-text';

type OwnersTableProps = {
  owners: BeneficialOwner[];
  viewedOwnerRefs: ReadonlySet<string> | undefined;
  onEvidenceViewed: OnEvidenceViewed | undefined;
};

/** An owner the approver must open: 25% or more, or a share the provider did not give. */
const mustOpen = (owner: BeneficialOwner) =>
  owner.ownershipPercent === null || owner.ownershipPercent >= significantOwnershipPercent;

const shareText = (owner: BeneficialOwner) =>
  owner.ownershipPercent === null ? null : `${owner.ownershipPercent}%`;

/** The beneficial owners with their shares; opening one is recorded, as approval depends on it. */
export function OwnersTable({ owners, viewedOwnerRefs, onEvidenceViewed }: OwnersTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (ref: string) => {
    const next = new Set(open);
    if (next.has(ref)) next.delete(ref);
    else {
      next.add(ref);
      onEvidenceViewed?.('beneficial_owner', ref);
    }
    setOpen(next);
  };
  return (
    <Box>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Beneficial owners
      </Typography>
      {owners.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Capa named no beneficial owners.
        </Typography>
      ) : (
        // On a narrow screen the table scrolls sideways within its section, not the whole page.
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Beneficial owners">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Ownership</TableCell>
                {viewedOwnerRefs && <TableCell>Opened</TableCell>}
                <TableCell>Details</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {owners.map((owner) => (
                <OwnerRows
                  key={owner.ref}
                  owner={owner}
                  isOpen={open.has(owner.ref)}
                  viewed={viewedOwnerRefs?.has(owner.ref)}
                  onToggle={() => toggle(owner.ref)}
                />
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}

type OwnerRowsProps = {
  owner: BeneficialOwner;
  isOpen: boolean;
  /** Whether the reviewer opened the owner; undefined outside a case. */
  viewed: boolean | undefined;
  onToggle: () => void;
};

function OwnerRows({ owner, isOpen, viewed, onToggle }: OwnerRowsProps) {
  return (
    <>
      <TableRow>
        <TableCell sx={{ overflowWrap: 'anywhere' }}>
          <OptionalText value={owner.fullName} />
        </TableCell>
        <TableCell>
          <OptionalText value={shareText(owner)} empty="Share not given" />{' '}
          {mustOpen(owner) && <Chip size="small" color="warning" label="Open before approval" />}
        </TableCell>
        {viewed !== undefined && <TableCell>{viewed ? 'Opened' : 'Not yet'}</TableCell>}
        <TableCell>
          <Button size="small" aria-expanded={isOpen} onClick={onToggle}>
            {isOpen ? 'Close' : 'Open'}
            <VisuallyHidden>{` owner ${owner.fullName ?? owner.ref}`}</VisuallyHidden>
          </Button>
        </TableCell>
      </TableRow>
      {isOpen && (
        <TableRow>
          <TableCell colSpan={viewed === undefined ? 3 : 4} sx={{ bgcolor: 'action.hover' }}>
            <FieldGrid
              fields={[
                { label: 'Full name', value: <OptionalText value={owner.fullName} /> },
                {
                  label: 'Ownership',
                  value: <OptionalText value={shareText(owner)} empty="Share not given" />,
                },
                { label: 'Place in Capa\u2019s list', value: owner.ref },
              ]}
            />
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
