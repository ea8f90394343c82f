import { Alert, Link, List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import type { CaseDetail, CaseSummary } from '@review-desk/contracts';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';

const dispositionLabels = {
  true_match: 'True match',
  false_positive: 'False positive',
  needs_information: 'Needs information',
} as const;

/** A superseded case is final: the work goes on in the case of the newer session. */
export function SupersededBanner({ summary }: { summary: CaseSummary }) {
  if (summary.state !== 'superseded' || summary.supersededBy === null) return null;
  return (
    <Alert severity="info" role="status">
      A newer verification session of this subject replaced this case, so it can no longer be decided.{' '}
      <Link component={RouterLink} to={paths.case.getHref(summary.supersededBy)}>
        Open the newer case
      </Link>
    </Alert>
  );
}

/** Notes and AML dispositions written on the cases this one superseded, read-only. */
export function EarlierSessions({ sessions }: { sessions: CaseDetail['earlierSessions'] }) {
  if (sessions.length === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label="Earlier sessions">
      <Typography variant="h6" component="h2" gutterBottom>
        Earlier sessions
      </Typography>
      {sessions.map((session) => (
        <div key={session.caseId}>
          <Typography variant="subtitle2">
            <Link component={RouterLink} to={paths.case.getHref(session.caseId)}>
              Session {session.verificationId ?? 'without an id'}
            </Link>{' '}
            (opened {formatDate(session.openedAt)}, superseded {formatDate(session.supersededAt)})
          </Typography>
          {session.notes.length === 0 && session.dispositions.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No notes or dispositions.
            </Typography>
          ) : (
            <List dense disablePadding>
              {session.notes.map((note) => (
                <ListItem key={note.id} disableGutters>
                  <ListItemText
                    primary={note.text}
                    secondary={`Note by ${note.author.displayName}, ${formatDate(note.createdAt)}`}
                  />
                </ListItem>
              ))}
              {session.dispositions.map((item) => (
                <ListItem key={item.hitRef} disableGutters>
                  <ListItemText
                    primary={`${item.hitName ?? item.hitRef}: ${dispositionLabels[item.disposition]}`}
                    secondary={`AML disposition by ${item.decidedBy.displayName}, ${formatDate(item.decidedAt)}`}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </div>
      ))}
    </Paper>
  );
}
