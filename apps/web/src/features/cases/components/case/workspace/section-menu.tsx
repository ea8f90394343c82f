import TocIcon from '@mui/icons-material/Toc';
import { Fab, ListItemText, MenuItem } from '@mui/material';
import { useId, useRef, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';
import type { RailItem } from './section-rail';
import { phoneScreen } from './workspace-layout';

type Props = {
  items: RailItem[];
  /** Moves the keyboard to the section with this id; false when the page has no such section. */
  onJump: (id: string) => boolean;
};

/**
 * The section rail on a phone: a button in the bottom-left corner (the decision's is in the other), in reach
 * wherever the evidence has been scrolled to, opening the sections with what is still open in each.
 */
export function SectionMenu({ items, onJump }: Props) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  // The section is focused once the menu has gone: until then its focus trap would take the focus back. The
  // menu's own return of the focus to the button is off, as it would come after the jump; closing the menu
  // without a choice gives the focus back to the button here instead.
  const pending = useRef<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const open = anchor !== null;
  return (
    <>
      <Fab
        ref={button}
        variant="extended"
        size="medium"
        aria-haspopup="menu"
        aria-controls={open ? menuId : undefined}
        aria-expanded={open ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{
          display: 'none',
          [phoneScreen]: { display: 'inline-flex' },
          position: 'fixed',
          left: 16,
          bottom: 16,
        }}
      >
        <TocIcon sx={{ mr: 1 }} />
        Sections
      </Fab>
      <LazyMenu
        id={menuId}
        anchorEl={anchor}
        open={open}
        onClose={() => setAnchor(null)}
        disableRestoreFocus
        slotProps={{
          transition: {
            onExited: () => {
              const id = pending.current;
              pending.current = null;
              if (!(id && onJump(id))) button.current?.focus();
            },
          },
        }}
      >
        {items.map((item) => (
          <MenuItem
            key={item.id}
            onClick={() => {
              pending.current = item.id;
              setAnchor(null);
            }}
          >
            <ListItemText
              primary={item.label}
              secondary={item.open}
              slotProps={{ secondary: { color: 'warning.main' } }}
            />
          </MenuItem>
        ))}
      </LazyMenu>
    </>
  );
}
