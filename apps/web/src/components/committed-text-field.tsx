import {
  FormControl,
  type FormControlProps,
  InputLabel,
  OutlinedInput,
  type OutlinedInputProps,
} from '@mui/material';
import { type ReactNode, useId, useState } from 'react';

type CommittedTextFieldProps = {
  label: ReactNode;
  value: string;
  onCommit: (value: string) => void;
  type?: 'text' | 'number' | 'date';
  size?: FormControlProps['size'];
  sx?: FormControlProps['sx'];
  /** Attributes of the <input> itself (min, max). */
  htmlInput?: OutlinedInputProps['inputProps'];
  /** Keep the label above the field even when empty (date fields show their own placeholder). */
  shrinkLabel?: boolean;
};

/**
 * A text field that reports its value when the user presses Enter or leaves it, not on every keystroke, so a
 * filter typed into it costs one request. Re-key it (`key={value}`) to follow outside changes.
 *
 * Built from MUI's outlined input and label rather than TextField, which always brings its select variant
 * along (MUI's Select with its menu, popover and modal): the queue, which opens first, needs none of that.
 */
export function CommittedTextField({
  label,
  value,
  onCommit,
  type = 'text',
  size,
  sx,
  htmlInput,
  shrinkLabel,
}: CommittedTextFieldProps) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <FormControl size={size} sx={sx} variant="outlined">
      <InputLabel htmlFor={id} shrink={shrinkLabel}>
        {label}
      </InputLabel>
      <OutlinedInput
        id={id}
        type={type}
        label={label}
        notched={shrinkLabel}
        inputProps={htmlInput}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          }
        }}
      />
    </FormControl>
  );
}
