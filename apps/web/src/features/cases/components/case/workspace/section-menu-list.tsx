import { ListItemText, MenuItem } from '@mui/material';
import Menu from '@mui/material/Menu';
import type { RailItem } from './section-rail';

type Props = {
  id: string;
  anchorEl: HTMLElement | null;
  items: RailItem[];
  onChoose: (id: string) => void;
  onClose: () => void;
  /** Once the menu has gone (its closing animation over). */
  onExited: () => void;
};

/** The sections as a menu, with what is still open in each. Loaded when first opened (lazy-menu.tsx). */
export function SectionMenuList({ id, anchorEl, items, onChoose, onClose, onExited }: Props) {
  return (
    <Menu
      id={id}
      anchorEl={anchorEl}
      open={anchorEl !== null}
      onClose={onClose}
      // The caller puts the focus where it belongs once the menu has gone (see section-menu.tsx).
      disableRestoreFocus
      slotProps={{ transition: { onExited } }}
    >
      {items.map((item) => (
        <MenuItem key={item.id} onClick={() => onChoose(item.id)}>
          <ListItemText
            primary={item.label}
            secondary={item.open}
            slotProps={{ secondary: { color: 'warning.main' } }}
          />
        </MenuItem>
      ))}
    </Menu>
  );
}
