import { TextField, type TextFieldProps } from '@mui/material';
import { useState } from 'react';

type CommittedTextFieldProps = Omit<TextFieldProps, 'value' | 'onChange' | 'onBlur' | 'onKeyDown'> & {
  value: string;
  onCommit: (value: string) => void;
};

/**
 * A text field that reports its value when the user presses Enter or leaves it, not on every keystroke, so a
 * filter typed into it costs one request. Re-key it (`key={value}`) to follow outside changes.
 */
export function CommittedTextField({ value, onCommit, ...props }: CommittedTextFieldProps) {
  const [draft, setDraft] = useState(value);
  const commit = () => {
    if (draft !== value) onCommit(draft);
  };
  return (
    <TextField
      {...props}
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
  );
}
