import { Box, Link, Typography } from '@mui/material';
import { SectionMenu } from './section-menu';
import { phoneScreen, wideScreen } from './workspace-layout';

export type RailItem = {
  /** The element id of the section. */
  id: string;
  label: string;
  /** What is still open there ("3 undisposed"); undefined when nothing is. */
  open?: string;
};

/** Moves the keyboard to a section and brings its top into view. */
export function jumpToSection(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
  return true;
}

/**
 * The page's sections with what is still open in each; a link moves the focus to its section. On a phone the
 * list would push the evidence a screen down: a menu button in the corner holds it instead.
 */
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
          [phoneScreen]: { display: 'none' },
          gap: 0.5,
        }}
      >
        {items.map((item) => (
          <li key={item.id}>
            <Link
              href={`#${item.id}`}
              underline="hover"
              onClick={(event) => {
                if (jumpToSection(item.id)) event.preventDefault();
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
      <SectionMenu items={items} onJump={jumpToSection} />
    </Box>
  );
}
