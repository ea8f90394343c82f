import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { isApiError } from '@/lib/api-client';

type ErrorStateProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
};

function describe(error: unknown): { message: string; code: string | null; requestId: string | null } {
  if (isApiError(error)) return { message: error.message, code: error.code, requestId: error.requestId };
  if (error instanceof Error) return { message: error.message, code: null, requestId: null };
  return { message: 'Something went wrong.', code: null, requestId: null };
}

/** A failed load: what happened, the request id to quote to support, and a way to try again. */
export function ErrorState({ error, title = 'This could not be loaded', onRetry }: ErrorStateProps) {
  const { message, code, requestId } = describe(error);
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2">{message}</Typography>
      {(code !== null || requestId !== null) && (
        <Box
          component="dl"
          sx={{ m: 0, mt: 1, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1 }}
        >
          {code !== null && (
            <>
              <Typography component="dt" variant="caption">
                Code
              </Typography>
              <Typography component="dd" variant="caption" sx={{ m: 0, fontFamily: 'monospace' }}>
                {code}
              </Typography>
            </>
          )}
          {requestId !== null && (
            <>
              <Typography component="dt" variant="caption">
                Request id
              </Typography>
              <Typography component="dd" variant="caption" sx={{ m: 0, fontFamily: 'monospace' }}>
                {requestId}
              </Typography>
            </>
          )}
        </Box>
      )}
    </Alert>
  );
}
