import { Button, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';

export function Component() {
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        Page not found
      </Typography>
      <Typography sx={{ mb: 2 }}>There is no page at this address.</Typography>
      <Button variant="contained" component={RouterLink} to={paths.queue.getHref()}>
        Go to the queue
      </Button>
    </>
  );
}
