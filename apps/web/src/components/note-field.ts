import type { TextFieldProps } from '@mui/material';

/**
 * A multi-line field that starts at two rows and grows with its text. A multi-line TextField renders MUI's
 * autosizing textarea even with a fixed number of rows, and that measures itself (computed style, then the
 * height of a hidden copy) in a layout effect on every render: forced style and layout passes over the whole
 * page each time the case page is drawn. A plain <textarea> with CSS field sizing grows without script.
 * Browsers without it keep two rows and scroll.
 */
export const noteFieldProps = ({ maxLength }: { maxLength: number }) =>
  ({
    multiline: true,
    sx: { '& textarea': { fieldSizing: 'content', minHeight: '2lh' } },
    slotProps: { input: { inputComponent: 'textarea' }, htmlInput: { rows: 2, maxLength } },
  }) satisfies Partial<TextFieldProps>;
