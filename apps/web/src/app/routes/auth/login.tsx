import { Box, Button, Divider, Paper, Typography } from '@mui/material';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import { useAuthConfig } from '@/features/auth/api/get-auth-config';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';
import { safeNextPath } from '@/lib/safe-next';

export function Component() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const config = useAuthConfig();
  const next = safeNextPath(searchParams.get('next'), paths.queue.getHref());

  if (me.data) return <Navigate to={next} replace />;

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ p: 4, width: '100%', maxWidth: 400 }} elevation={2}>
        <Typography variant="h4" component="h1" gutterBottom>
          Review Desk
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
          Sign in with your staff account.
        </Typography>
        {config.data?.singleSignOn && (
          <Button
            variant="contained"
            fullWidth
            size="large"
            href={`${config.data.singleSignOn.loginUrl}?${new URLSearchParams({ next })}`}
          >
            Sign in with {config.data.singleSignOn.providerName}
          </Button>
        )}
        {config.data?.singleSignOn && config.data.localLogin && <Divider sx={{ my: 3 }}>or</Divider>}
        {/* Until (or unless) the sign-in methods are known, the password form is offered. */}
        {config.data?.localLogin !== false && (
          <LoginForm onSuccess={() => navigate(next, { replace: true })} />
        )}
      </Paper>
    </Box>
  );
}
