import type { CaseListResponse, CreateCaseResponse, Provider } from '@review-desk/contracts';

/** A signed-in user talking to the BFF's API directly, as the SPA does: session cookie and CSRF header. */
export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** A POST whose refusal is the point: the status and the parsed body, whatever the status. */
  attempt(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
}

async function answer<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function signIn(baseUrl: string, username: string): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-demo` }),
  });
  const { csrfToken } = await answer<{ csrfToken: string }>(response, `signing in as ${username}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const send = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    get: async (path) => answer(await fetch(`${baseUrl}${path}`, { headers: { cookie } }), `GET ${path}`),
    post: async (path, body) => answer(await send(path, body), `POST ${path}`),
    attempt: async (path, body) => {
      const response = await send(path, body);
      return { status: response.status, body: await response.json() };
    },
  };
}

export interface ScenarioEntry {
  provider: Provider;
  id: string;
  name: string;
  subjectType: 'individual' | 'business';
  status: string;
  tags: string[];
}

/** The sandbox's scenario index (control API), filtered by tags that must all match. */
export async function scenarios(sandboxUrl: string, tags: string[]): Promise<ScenarioEntry[]> {
  const query = new URLSearchParams(tags.map((tag) => ['tag', tag]));
  const response = await fetch(`${sandboxUrl}/_sandbox/scenarios?${query}`);
  return (await answer<{ scenarios: ScenarioEntry[] }>(response, 'the scenario index')).scenarios;
}

/** Subjects whose payloads are complete and plain, so every section and image of the case can be checked. */
export const isPlain = (entry: ScenarioEntry) =>
  !entry.tags.some((tag) => tag.startsWith('partial') || tag.startsWith('odd'));

export async function casesOf(analyst: ApiSession, query = ''): Promise<CaseListResponse> {
  return analyst.get<CaseListResponse>(`/api/cases${query === '' ? '' : `?${query}`}`);
}

export async function openCase(analyst: ApiSession, provider: Provider, subjectId: string) {
  return analyst.post<CreateCaseResponse>('/api/cases', { provider, subjectId });
}
