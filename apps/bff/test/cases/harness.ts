import type { CaseDetail, CaseSummary, CaseView, FourEyesPolicy, Provider } from '@review-desk/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { type App, type BuildOptions, buildApp } from '../../src/app';
import { createUser } from '../../src/auth/users';
import { type CaseInput, caseInputFromView } from '../../src/cases/intake';
import type { AppConfig } from '../../src/config';
import { signIn, type TestSession, testConfig } from '../auth/app';
import type { TestEngine } from '../helpers/db';
import { fixtureNow } from './fixtures';

/** The people of the case tests: the demo accounts plus a second analyst and a second senior. */
export const people = ['analyst', 'analyst2', 'senior', 'senior2', 'support', 'admin'] as const;
export type Person = (typeof people)[number];

const extraUsers = [
  {
    username: 'analyst2',
    role: 'analyst',
    displayName: 'Second Analyst',
    password: 'second-analyst-password',
  },
  { username: 'senior2', role: 'senior', displayName: 'Second Senior', password: 'second-senior-password' },
];
const passwords: Record<Person, string> = {
  analyst: 'analyst-demo',
  analyst2: 'second-analyst-password',
  senior: 'senior-demo',
  senior2: 'second-senior-password',
  support: 'support-demo',
  admin: 'admin-demo',
};

export interface SignedIn extends TestSession {
  userId: string;
}

/** A moving clock for the case store (claims, SLA); sessions keep the real time. */
export function storeClock(start = fixtureNow.getTime()) {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface CaseHarness {
  app: App;
  config: AppConfig;
  /** The app's case options, to build a second instance over the same database. */
  options: BuildOptions;
  clock: ReturnType<typeof storeClock>;
  /** What the fake loadView answers per `provider:subjectId`: a view, or an error to throw. */
  views: Map<string, CaseView | Error>;
  kycLinkCalls: { userId: string; country: string }[];
  as: Record<Person, SignedIn>;
  call(
    person: Person,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  /** Opens (or updates) a case from a view through the provider-view entry point, as the webhook worker would. */
  ingest(view: CaseView, overrides?: Partial<CaseInput>): Promise<CaseSummary>;
  /** GET /api/cases/:id as `person`, failing the test on anything but 200. */
  detail(person: Person, caseId: string): Promise<CaseDetail>;
  close(): Promise<void>;
}

export async function caseHarness(
  engine: TestEngine,
  options: { fourEyes?: FourEyesPolicy } = {},
): Promise<CaseHarness> {
  const clock = storeClock();
  const views = new Map<string, CaseView | Error>();
  const kycLinkCalls: { userId: string; country: string }[] = [];
  const config = await testConfig(engine);
  const buildOptions: BuildOptions = {
    quiet: true,
    cases: {
      loadView: async (provider: Provider, id: string) => {
        const answer = views.get(`${provider}:${id}`);
        if (answer === undefined) throw new Error(`no fixture view for ${provider}:${id}`);
        if (answer instanceof Error) throw answer;
        return answer;
      },
      createKycLink: async (userId, country) => {
        kycLinkCalls.push({ userId, country });
        return `https://kyc.example/session/${userId}`;
      },
      store: { clock: clock.now, ...(options.fourEyes ? { fourEyes: options.fourEyes } : {}) },
    },
  };
  const app = await buildApp(config, buildOptions);
  await Promise.all(
    extraUsers.map((user) => createUser(app.db, user, { userId: null, username: 'test-setup' })),
  );
  const ids = new Map(
    (await app.db.selectFrom('users').select(['id', 'username']).execute()).map((row) => [
      row.username,
      row.id,
    ]),
  );
  const sessions = await Promise.all(people.map((person) => signIn(app, person, passwords[person])));
  const as = Object.fromEntries(
    people.map((person, index) => [person, { ...sessions[index], userId: ids.get(person) ?? '' }]),
  ) as Record<Person, SignedIn>;

  const call: CaseHarness['call'] = (person, method, url, payload) =>
    app.inject({
      method,
      url,
      headers: { cookie: as[person].cookie, 'x-csrf-token': as[person].csrfToken },
      ...(payload === undefined ? {} : { payload }),
    });

  return {
    app,
    config,
    options: buildOptions,
    clock,
    views,
    kycLinkCalls,
    as,
    call,
    async ingest(view, overrides = {}) {
      views.set(`${view.provider}:${view.subject.id}`, view);
      // The queue's tests move the store clock: the session is taken to start waiting as the desk reads it.
      const input = { ...caseInputFromView(view), providerSince: null, ...overrides };
      const result = await app.cases.store.openOrUpdateCase(input);
      if (!result.case) throw new Error('the view did not open a case');
      return result.case;
    },
    async detail(person, caseId) {
      const response = await call(person, 'GET', `/api/cases/${caseId}`);
      if (response.statusCode !== 200) throw new Error(`GET case: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    close: () => app.close(),
  };
}
