import type { CaseSummary } from '@review-desk/contracts';
import { type RunningSandbox, startSandbox } from '@review-desk/sandbox';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/app';
import { caseInputFromView } from '../../src/cases/intake';
import type { AppConfig } from '../../src/config';
import { signIn, type TestSession, testConfig } from '../auth/app';
import type { TestEngine } from '../helpers/db';

/** A desk wired to a live sandbox on random loopback ports, as `pnpm start` runs it but on a test database. */
export interface Desk {
  app: App;
  config: AppConfig;
  sandbox: RunningSandbox;
  senior: TestSession;
  admin: TestSession;
  close(): Promise<void>;
}

/** A sandbox on random ports with its control API (the directory export, scenarios). */
export async function startSandboxForTests(): Promise<RunningSandbox> {
  return startSandbox({ capaPort: 0, connectfiPort: 0, webhookRetryScale: 0.001, controlApi: true });
}

/** The config of a desk pointed at `sandbox`, on the engine's database (`database` to share one). */
export async function deskConfig(
  engine: TestEngine,
  sandbox: RunningSandbox,
  overrides: Partial<AppConfig> = {},
): Promise<AppConfig> {
  const base = await testConfig(engine, overrides);
  return {
    ...base,
    capa: { ...base.capa, baseUrl: sandbox.capaUrl },
    connectfi: { ...base.connectfi, baseUrl: sandbox.connectfiUrl },
    ...overrides,
  };
}

export async function startDesk(engine: TestEngine, overrides: Partial<AppConfig> = {}): Promise<Desk> {
  const sandbox = await startSandboxForTests();
  const config = await deskConfig(engine, sandbox, overrides);
  const app = await buildApp(config, { quiet: true });
  const [senior, admin] = await Promise.all([
    signIn(app, 'senior', 'senior-demo'),
    signIn(app, 'admin', 'admin-demo'),
  ]);
  return {
    app,
    config,
    sandbox,
    senior,
    admin,
    async close() {
      await app.close();
      await sandbox.close();
    },
  };
}

/** Sandbox Capa users whose latest KYC session waits for a person (REVIEW_NEEDED). */
export function reviewNeededCapaUsers(sandbox: RunningSandbox): string[] {
  return sandbox.population.capa
    .filter((user) => user.kycDetails?.aipriseSummary?.verificationResult === 'REVIEW_NEEDED')
    .map((user) => user.userId);
}

/** Opens cases for up to `count` sandbox subjects through the provider-view entry point, from their live views. */
export async function seedCases(app: App, sandbox: RunningSandbox, count: number): Promise<CaseSummary[]> {
  const opened: CaseSummary[] = [];
  for (const userId of reviewNeededCapaUsers(sandbox)) {
    if (opened.length >= count) break;
    const view = await app.cases.loadView('capa', userId);
    const result = await app.cases.store.openOrUpdateCase(caseInputFromView(view));
    if (result.case) opened.push(result.case);
  }
  return opened;
}

/** The error envelope every refusal carries; returns a reason when `response` does not hold one. */
export function envelopeProblem(
  statusCode: number,
  contentType: string | undefined,
  body: string,
): string | null {
  if (!contentType?.includes('application/json')) return `${statusCode} with content-type ${contentType}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${statusCode} with a body that is not JSON`;
  }
  const error = (parsed as { error?: Record<string, unknown> } | null)?.error;
  if (
    typeof error?.code !== 'string' ||
    typeof error.message !== 'string' ||
    typeof error.requestId !== 'string'
  ) {
    return `${statusCode} without the error envelope: ${body.slice(0, 300)}`;
  }
  return null;
}

export function injectedEnvelopeProblem(response: LightMyRequestResponse): string | null {
  const type = response.headers['content-type'];
  return envelopeProblem(response.statusCode, typeof type === 'string' ? type : undefined, response.body);
}
