import { Box, Link, Typography } from '@mui/material';
import { wideScreen } from './workspace-layout';

export type RailItem = {
  /** The element id of the section. */
  id: string;
  label: string;
  /** What is still open there ("3 undisposed"); undefined when nothing is. */
  open?: string;
};

/** The page's sections with what is still open in each; a link moves the focus to its section. */
export function SectionRail({ items }: { items: RailItem[] }) {
  return (
    <Box component="nav" aria-label="Sections of the case">
      <Box
        component="ol"
        sx={{
          m: 0,
          p: 0,
          listStyle: 'none',
          display: 'flex',
          flexWrap: 'wrap',
          [wideScreen]: { flexDirection: 'column', flexWrap: 'nowrap' },
          gap: 0.5,
        }}
      >
        {items.map((item) => (
          <li key={item.id}>
            <Link
              href={`#${item.id}`}
              underline="hover"
              onClick={(event) => {
                const target = document.getElementById(item.id);
                if (!target) return;
                event.preventDefault();
                target.focus({ preventScroll: true });
                target.scrollIntoView({ block: 'start' });
              }}
              sx={{
                display: 'block',
                px: 1,
                py: 0.5,
                borderRadius: 1,
                '&:hover': { bgcolor: 'action.hover' },
              }}
            >
              <Typography component="span" variant="body2" sx={{ display: 'block', fontWeight: 500 }}>
                {item.label}
              </Typography>
              {item.open && (
                <Typography component="span" variant="caption" color="warning.main" sx={{ display: 'block' }}>
                  {item.open}
                </Typography>
              )}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  );
}
