import { List, ListItem, Paper, Stack, Typography } from '@mui/material';
import type { CustomerSummary } from '@review-desk/contracts';
import { useId } from 'react';
import { formatDateTime } from '@/lib/format';

const pendingLabels: Record<CustomerSummary['pendingOn'], string> = {
  customer: 'The customer',
  desk: 'Our review team',
  provider: 'The verification provider',
  nobody: 'Nobody: it is finished',
};

/** The case in words for staff who talk to the customer: status, who acts next, and what may be said. */
export function CustomerSummaryCard({ summary }: { summary: CustomerSummary }) {
  const headingId = useId();
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" gutterBottom>
        For the customer
      </Typography>
      <Stack spacing={1.5}>
        <div>
          <Typography variant="overline" component="p">
            Status
          </Typography>
          <Typography variant="h6" component="p">
            {summary.status}
          </Typography>
        </div>
        <div>
          <Typography variant="overline" component="p">
            Waiting on
          </Typography>
          <Typography>{pendingLabels[summary.pendingOn]}</Typography>
          <Typography variant="body2" color="text.secondary">
            {summary.pending}
          </Typography>
        </div>
        <div>
          <Typography variant="overline" component="p">
            Last thing the customer did or was told
          </Typography>
          <Typography>
            {summary.lastCustomerEvent
              ? `${summary.lastCustomerEvent.label}, ${formatDateTime(summary.lastCustomerEvent.at)}`
              : 'Nothing recorded yet'}
          </Typography>
        </div>
        <TextList title="You may say" items={summary.mayTell} />
        <TextList title="Never say" items={summary.mustNotTell} />
      </Stack>
    </Paper>
  );
}

function TextList({ title, items }: { title: string; items: string[] }) {
  const id = useId();
  return (
    <div>
      <Typography variant="overline" component="p" id={id}>
        {title}
      </Typography>
      <List dense disablePadding aria-labelledby={id} sx={{ listStyle: 'disc', pl: 3 }}>
        {items.map((item) => (
          <ListItem key={item} disableGutters sx={{ display: 'list-item', py: 0 }}>
            {item}
          </ListItem>
        ))}
      </List>
    </div>
  );
}
