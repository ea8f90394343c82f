import { Box, Paper, Typography } from '@mui/material';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';
import { safeNextPath } from '@/lib/safe-next';

export function Component() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
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
        <LoginForm onSuccess={() => navigate(next, { replace: true })} />
      </Paper>
    </Box>
  );
}
