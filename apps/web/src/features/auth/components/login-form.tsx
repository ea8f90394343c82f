import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import type { MeResponse } from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { isApiError } from '@/lib/api-client';
import { useLogin } from '../api/login';

function loginErrorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 401) return 'The username or password is not right.';
    if (error.status === 429) return 'Too many attempts. Wait a minute and try again.';
    return error.requestId ? `${error.message} (request id ${error.requestId})` : error.message;
  }
  return 'Signing in failed. Try again.';
}

export function LoginForm({ onSuccess }: { onSuccess: (me: MeResponse) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin({ onSuccess });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-label="Sign in">
      <Stack spacing={2}>
        {login.isError && (
          <Alert severity="error" role="alert">
            {loginErrorMessage(login.error)}
          </Alert>
        )}
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={login.isPending || username.trim() === '' || password === ''}
        >
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </Stack>
    </Box>
  );
}
