import GavelIcon from '@mui/icons-material/Gavel';
import { Box, Fab } from '@mui/material';
import type { ReactNode } from 'react';
import { workspaceIds } from './review-keys';

/** From this width the evidence scrolls between a fixed header, section rail and decision panel. */
export const wideScreen = '@media (min-width: 1280px)';
/** Below this width (MUI's `sm`) the page is on a phone: the section rail folds into a menu. */
export const phoneScreen = '@media (max-width: 599.95px)';

// The app bar (64 px) and the page's padding (24 px above and below) around the workspace.
const workspaceHeight = 'calc(100dvh - 64px - 48px)';

type Props = {
  header: ReactNode;
  rail: ReactNode;
  evidence: ReactNode;
  decision: ReactNode;
  onGoToDecision: () => void;
};

/**
 * The reviewer's workspace. Wide: the case header across the top, the section rail on the left, the evidence
 * scrolling in the middle and the decision panel on the right, each scrolling on its own so the header and
 * the decision stay in view. Narrower: one column, the decision after the evidence, one key (d) or the
 * button in the corner away.
 */
export function WorkspaceLayout({ header, rail, evidence, decision, onGoToDecision }: Props) {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: 'minmax(0, 1fr)',
        gridTemplateAreas: '"header" "rail" "evidence" "decision"',
        // Room below the decision for the buttons in the corners, so they cover none of it.
        pb: 8,
        [wideScreen]: {
          pb: 0,
          height: workspaceHeight,
          gridTemplateColumns: '152px minmax(0, 1fr) minmax(340px, 380px)',
          gridTemplateRows: 'auto minmax(0, 1fr)',
          gridTemplateAreas: '"header header header" "rail evidence decision"',
        },
      }}
    >
      <Box sx={{ gridArea: 'header', minWidth: 0 }}>{header}</Box>
      <Box sx={{ gridArea: 'rail', minWidth: 0, [wideScreen]: { overflowY: 'auto', position: 'relative' } }}>
        {rail}
      </Box>
      <Box
        id={workspaceIds.evidence}
        sx={{
          gridArea: 'evidence',
          minWidth: 0,
          // Positioned, so that absolutely placed content (visually hidden labels) scrolls with it too.
          [wideScreen]: { overflowY: 'auto', overscrollBehavior: 'contain', position: 'relative', pr: 0.5 },
        }}
      >
        {evidence}
      </Box>
      <Box
        id={workspaceIds.decision}
        tabIndex={-1}
        aria-label="Decision and actions"
        component="aside"
        sx={{
          gridArea: 'decision',
          minWidth: 0,
          [wideScreen]: { overflowY: 'auto', position: 'relative', pr: 0.5 },
        }}
      >
        {decision}
      </Box>
      <Fab
        variant="extended"
        size="medium"
        color="primary"
        onClick={onGoToDecision}
        sx={{ position: 'fixed', right: 16, bottom: 16, [wideScreen]: { display: 'none' } }}
      >
        <GavelIcon sx={{ mr: 1 }} />
        Decision
      </Fab>
    </Box>
  );
}
