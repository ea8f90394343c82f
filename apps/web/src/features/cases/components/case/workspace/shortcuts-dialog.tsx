import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
} from '@mui/material';
import { Fragment } from 'react';
import { reviewShortcuts } from './review-keys';

/** Every key of the case page and what it does ("?" opens it). */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcuts-title">
      <DialogTitle id="shortcuts-title">Keyboard shortcuts</DialogTitle>
      <DialogContent>
        <Table size="small" aria-label="Keyboard shortcuts">
          <TableBody>
            {reviewShortcuts.map((shortcut) => (
              <TableRow key={shortcut.does}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                  {shortcut.keys.map((key, index) => (
                    <Fragment key={key}>
                      {index > 0 && ' '}
                      <Box
                        component="kbd"
                        sx={{
                          px: 0.75,
                          py: 0.25,
                          border: 1,
                          borderColor: 'divider',
                          borderRadius: 1,
                          fontFamily: 'monospace',
                        }}
                      >
                        {key}
                      </Box>
                    </Fragment>
                  ))}
                </TableCell>
                <TableCell>{shortcut.does}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box component="p" sx={{ mb: 0, color: 'text.secondary', typography: 'body2' }}>
          Shortcuts wait while you type in a field.
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
