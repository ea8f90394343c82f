import { request } from 'undici';

/** Signs in as a demo user and returns the Cookie header the SPA's browser would send. */
export async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await request(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-demo` }),
  });
  const body = await response.body.text();
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${body}`);
  const setCookie = response.headers['set-cookie'];
  const cookies = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map(
    (cookie) => cookie.split(';')[0] ?? '',
  );
  return cookies.filter((cookie) => cookie !== '').join('; ');
}
