import { IconButton, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';

type ToolButtonProps = {
  label: string;
  /** The key that does the same, shown in the tooltip and told to assistive technology. */
  shortcut?: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: ReactNode;
};

export function ToolButton({ label, shortcut, onClick, disabled, pressed, children }: ToolButtonProps) {
  return (
    <Tooltip title={shortcut === undefined ? label : `${label} (${shortcut})`}>
      {/* A disabled button fires no events, so the tooltip listens on its wrapper. */}
      <span>
        <IconButton
          aria-label={label}
          aria-keyshortcuts={shortcut}
          aria-pressed={pressed}
          color={pressed ? 'primary' : 'default'}
          onClick={onClick}
          disabled={disabled}
        >
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}
