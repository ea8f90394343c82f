import {
  Box,
  Button,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type {
  EntityApplication,
  EntityRole,
  JourneySection as JourneySectionData,
  Provider,
} from '@review-desk/contracts';
import { Fragment, type ReactNode, useState } from 'react';
import { VisuallyHidden } from '@/components/visually-hidden';
import { EnumValueDisplay } from './enum-value';
import { FieldGrid } from './field-grid';
import { ProvidedSection } from './section-card';
import { OptionalText } from './upstream-text';

const roleLabels: Record<EntityRole, string> = {
  business_customer: 'Business customer',
  individual_customer: 'Individual customer',
  business_representative: 'Business representative',
};

type JourneySectionProps = {
  provider: Provider;
  section: JourneySectionData;
  /** Inside a case: which entity applications a reviewer has opened. */
  viewedEntityIds?: ReadonlySet<string>;
  /** Inside a case, for reviewers: the review of an opened entity (who it is, documents, related cases). */
  entityReview?: (entityId: string) => ReactNode;
};

/** The connectFi Akepa journey: its status and outcome, and every entity application in it. */
export function JourneySection({ provider, section, viewedEntityIds, entityReview }: JourneySectionProps) {
  return (
    <ProvidedSection title="connectFi journey" provider={provider} section={section}>
      {(journey) => {
        const customers = journey.entityApplications.filter(
          (entity) => entity.role !== 'business_representative',
        );
        const representatives = journey.entityApplications.filter(
          (entity) => entity.role === 'business_representative',
        );
        return (
          <Stack spacing={2}>
            <FieldGrid
              fields={[
                { label: 'Application id', value: <OptionalText value={journey.applicationId} /> },
                { label: 'Aggregator', value: <OptionalText value={journey.aggregatorId} /> },
                { label: 'Reference', value: <OptionalText value={journey.reference} /> },
                { label: 'Journey status', value: <EnumValueDisplay value={journey.status} /> },
                {
                  label: 'Journey outcome',
                  value: <EnumValueDisplay value={journey.outcome} empty="No outcome yet" />,
                },
                {
                  label: 'Customer KYC status',
                  value: (
                    <Chip
                      size="small"
                      label={journey.customerKycStatus}
                      color={journey.customerKycStatus === 'WAITING_REVIEW' ? 'warning' : 'default'}
                    />
                  ),
                },
              ]}
            />
            <EntityTable
              title="Customer"
              entities={customers}
              viewedEntityIds={viewedEntityIds}
              entityReview={entityReview}
            />
            <EntityTable
              title="Business representatives"
              entities={representatives}
              viewedEntityIds={viewedEntityIds}
              entityReview={entityReview}
              empty="No business representatives in this journey."
            />
          </Stack>
        );
      }}
    </ProvidedSection>
  );
}

type EntityTableProps = {
  title: string;
  entities: EntityApplication[];
  viewedEntityIds: ReadonlySet<string> | undefined;
  entityReview: ((entityId: string) => ReactNode) | undefined;
  empty?: string;
};

function EntityTable({ title, entities, viewedEntityIds, entityReview, empty = 'None.' }: EntityTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Opening mounts the entity's review, which fetches (and so records) it; closing unmounts it.
  const toggle = (key: string) => {
    const next = new Set(open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };

  return (
    <Box>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {entities.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {empty}
        </Typography>
      ) : (
        // On a narrow screen the table scrolls sideways within its section, not the whole page.
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>Entity id</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Outcome</TableCell>
                {viewedEntityIds && <TableCell>Opened</TableCell>}
                <TableCell>Details</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {entities.map((entity, index) => {
                const key = entity.entityId ?? `#${index}`;
                const isOpen = open.has(key);
                const panelId = `entity-${title}-${index}`.replace(/\s+/g, '-');
                return (
                  <Fragment key={key}>
                    <TableRow tabIndex={-1} data-review-stop="entity">
                      <TableCell sx={{ overflowWrap: 'anywhere' }}>
                        <OptionalText value={entity.entityId} />
                      </TableCell>
                      <TableCell>{roleLabels[entity.role]}</TableCell>
                      <TableCell>
                        <EnumValueDisplay value={entity.status} />
                      </TableCell>
                      <TableCell>
                        <EnumValueDisplay value={entity.outcome} empty="No outcome yet" />
                      </TableCell>
                      {viewedEntityIds && (
                        <TableCell>
                          {entity.entityId !== null && viewedEntityIds.has(entity.entityId)
                            ? 'Opened'
                            : 'Not yet'}
                        </TableCell>
                      )}
                      <TableCell>
                        <Button
                          size="small"
                          data-review-open
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? panelId : undefined}
                          onClick={() => toggle(key)}
                        >
                          {isOpen ? 'Close' : 'Open'}
                          <VisuallyHidden>{` application ${entity.entityId ?? key}`}</VisuallyHidden>
                        </Button>
                      </TableCell>
                    </TableRow>
                    {isOpen && (
                      <TableRow id={panelId}>
                        <TableCell colSpan={viewedEntityIds ? 6 : 5} sx={{ bgcolor: 'action.hover' }}>
                          {entityReview && entity.entityId !== null ? (
                            entityReview(entity.entityId)
                          ) : (
                            <FieldGrid
                              fields={[
                                { label: 'Entity id', value: <OptionalText value={entity.entityId} /> },
                                { label: 'Role', value: roleLabels[entity.role] },
                                {
                                  label: 'Is the customer',
                                  value:
                                    entity.isCustomer === null ? (
                                      <OptionalText value={null} />
                                    ) : entity.isCustomer ? (
                                      'Yes'
                                    ) : (
                                      'No'
                                    ),
                                },
                                { label: 'Status', value: <EnumValueDisplay value={entity.status} /> },
                                {
                                  label: 'Outcome',
                                  value: <EnumValueDisplay value={entity.outcome} empty="No outcome yet" />,
                                },
                              ]}
                            />
                          )}
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
