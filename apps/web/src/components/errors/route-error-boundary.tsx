import { Box, Button, Typography } from '@mui/material';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { paths } from '@/config/paths';
import { ErrorState } from './error-state';

/** The router's error element: a page that crashed or could not load its code. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const navigate = useNavigate();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Box sx={{ p: 4 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          Page not found
        </Typography>
        <Button onClick={() => navigate(paths.queue.getHref())}>Go to the queue</Button>
      </Box>
    );
  }
  return (
    <Box sx={{ p: 4 }}>
      <ErrorState error={error} title="This page failed" onRetry={() => navigate(0)} />
    </Box>
  );
}
