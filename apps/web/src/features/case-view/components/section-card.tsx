import { Paper, Stack, Typography } from '@mui/material';
import type { Provider } from '@review-desk/contracts';
import { type ReactNode, useId } from 'react';
import { notProvidedText } from '../utils/labels';

type SectionCardProps = { title: string; actions?: ReactNode; children: ReactNode };

/** One titled section of a case view; a landmark region named by its heading. */
export function SectionCard({ title, actions, children }: SectionCardProps) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2, minWidth: 0 }}>
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1.5 }}
      >
        <Typography id={headingId} variant="h6" component="h2">
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Paper>
  );
}

export function NotProvidedNotice({ provider }: { provider: Provider }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
      {notProvidedText(provider)}
    </Typography>
  );
}

type ProvidedSectionProps<S extends { provided: boolean }> = {
  title: string;
  provider: Provider;
  section: S;
  actions?: ReactNode;
  children: (section: Extract<S, { provided: true }>) => ReactNode;
};

/** A section the provider may not have sent: its content, or "Not provided by <provider>" — never a blank. */
export function ProvidedSection<S extends { provided: boolean }>({
  title,
  provider,
  section,
  actions,
  children,
}: ProvidedSectionProps<S>) {
  return (
    <SectionCard title={title} actions={section.provided ? actions : undefined}>
      {isProvidedSection(section) ? children(section) : <NotProvidedNotice provider={provider} />}
    </SectionCard>
  );
}

// A local guard rather than the contracts' isProvided: importing a value from the contracts package pulls
// its schema builders into this chunk, where only its types are needed.
const isProvidedSection = <S extends { provided: boolean }>(
  section: S,
): section is Extract<S, { provided: true }> => section.provided;
