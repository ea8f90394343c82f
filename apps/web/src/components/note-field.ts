import type { TextFieldProps } from '@mui/material';

/**
 * A multi-line field that starts at two rows and grows with its text. MUI's autosizing textarea (minRows)
 * measures itself with forced style and layout passes when it mounts, which on the case page cost more than a
 * hundred milliseconds before anything was drawn; CSS field sizing grows it without script. Browsers without
 * it keep two rows and scroll.
 */
export const noteFieldProps = {
  multiline: true,
  rows: 2,
  sx: { '& textarea': { fieldSizing: 'content', minHeight: '2lh' } },
} satisfies Partial<TextFieldProps>;
