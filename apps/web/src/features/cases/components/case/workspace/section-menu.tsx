import TocIcon from '@mui/icons-material/Toc';
import { Fab } from '@mui/material';
import { lazy, useId, useRef, useState } from 'react';
import { LazyMenu } from '@/components/lazy-menu';
import type { RailItem } from './section-rail';
import { phoneScreen } from './workspace-layout';

const SectionMenuList = lazy(() =>
  import('./section-menu-list').then((module) => ({ default: module.SectionMenuList })),
);

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
      <LazyMenu open={open}>
        <SectionMenuList
          id={menuId}
          anchorEl={anchor}
          items={items}
          onClose={() => setAnchor(null)}
          onChoose={(id) => {
            pending.current = id;
            setAnchor(null);
          }}
          onExited={() => {
            const id = pending.current;
            pending.current = null;
            if (!(id && onJump(id))) button.current?.focus();
          }}
        />
      </LazyMenu>
    </>
  );
}
