import { Box, Button, Typography } from '@mui/material';
import { type DragEvent, useId, useRef, useState } from 'react';

interface Props {
  disabled?: boolean;
  onFiles: (files: File[]) => void;
}

/**
 * Files dropped here, or chosen with the button (the keyboard's way in): JPEG or PNG images, 10 MB at most.
 * The desk checks the bytes; `accept` only narrows the file chooser.
 */
export function DropZone({ disabled = false, onFiles }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (files.length > 0 && !disabled) onFiles(files);
  };
  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };
  return (
    <Box
      data-testid="document-drop-zone"
      role="group"
      aria-label="Drop zone for document images"
      aria-describedby={hintId}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      sx={{
        border: 2,
        borderStyle: 'dashed',
        borderColor: over ? 'primary.main' : 'divider',
        bgcolor: over ? 'action.hover' : 'transparent',
        borderRadius: 1,
        p: 2,
        textAlign: 'center',
      }}
    >
      <Typography id={hintId} variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Drop JPEG or PNG images here (10 MB at most each), or
      </Typography>
      <Button variant="outlined" disabled={disabled} onClick={() => input.current?.click()}>
        Choose files
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Document files"
        accept="image/jpeg,image/png"
        onChange={(event) => {
          take(event.target.files);
          event.target.value = '';
        }}
      />
    </Box>
  );
}
