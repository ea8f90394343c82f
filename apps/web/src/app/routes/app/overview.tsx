import { Box, Paper, Stack, Typography } from '@mui/material';
import type { CaseListQuery, CaseState } from '@review-desk/contracts';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { PageSkeleton } from '@/components/feedback/skeletons';
import { useCases } from '@/features/cases/api/get-cases';
import { caseStateValues } from '@/features/cases/utils/queue-search';
import { BarList } from '@/features/overview/components/bar-list';
import { DecisionsChart } from '@/features/overview/components/decisions-chart';
import { StatCard } from '@/features/overview/components/stat-card';
import { decisionsPerDay, medianTimeToDecision } from '@/features/overview/utils/overview-stats';
import { useNow } from '@/hooks/use-now';
import { formatDuration } from '@/lib/format';
import { isProvider, providerLabels } from '@/lib/providers';

// The BFF has no overview endpoint: these figures come from the case list (its facets count every match;
// breaches and decisions are read from the first page of up to 200 cases, as the notes below say).
const PAGE = 200;
const DAYS = 14;
const unresolved: CaseState[] = caseStateValues.filter(
  (state) => state !== 'resolved' && state !== 'superseded',
);
const openQuery: CaseListQuery = { state: unresolved, sort: 'priority', limit: PAGE, facets: true };
const resolvedQuery: CaseListQuery = { state: ['resolved'], sort: 'updated', direction: 'desc', limit: PAGE };

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={title}>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

export function Component() {
  const open = useCases(openQuery);
  const resolved = useCases(resolvedQuery);
  const now = useNow(60_000);

  if (open.isPending || resolved.isPending) return <PageSkeleton label="Loading the overview" />;
  if (open.isError) return <ErrorState error={open.error} onRetry={() => open.refetch()} />;
  if (resolved.isError) return <ErrorState error={resolved.error} onRetry={() => resolved.refetch()} />;

  const facets = open.data.facets;
  const breached = open.data.items.filter((item) => item.slaBreached).length;
  const breachedText = breached === PAGE ? `${PAGE}+` : String(breached);
  const median = medianTimeToDecision(resolved.data.items);
  const perDay = decisionsPerDay(resolved.data.items, now, DAYS);

  return (
    <Stack spacing={2}>
      <Typography variant="h4" component="h1">
        Overview
      </Typography>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }} useFlexGap>
        <StatCard label="Open cases" value={facets?.total ?? open.data.items.length} />
        <StatCard label="SLA breaches" value={breachedText} note="Among open cases, most urgent first" />
        <StatCard
          label="Median time to decision"
          value={median === null ? '—' : formatDuration(median)}
          note={`Over the latest ${resolved.data.items.length} resolved cases`}
        />
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        <Panel title="Open cases by provider">
          <BarList
            label="Open cases by provider"
            bars={(facets?.provider ?? []).map((facet) => ({
              label: isProvider(facet.value) ? providerLabels[facet.value] : facet.value,
              value: facet.count,
            }))}
          />
        </Panel>
        <Panel title="Open cases by upstream status">
          <BarList
            label="Open cases by upstream status"
            bars={(facets?.upstreamStatus ?? []).map((facet) => ({ label: facet.value, value: facet.count }))}
          />
        </Panel>
      </Box>
      <Panel title={`Decisions per day (last ${DAYS} days)`}>
        <DecisionsChart days={perDay} />
      </Panel>
    </Stack>
  );
}
