import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { type RunningSandbox, sandboxDefaults } from '@review-desk/sandbox';
import type { DatabaseConfig } from '../../src/db/database';
import { testJwtSecret } from '../auth/app';

const bffRoot = path.resolve(import.meta.dirname, '../..');

/** The environment of a BFF process pointed at `sandbox` and `database`, as an operator would configure it. */
export function serverEnv(
  sandbox: RunningSandbox,
  database: DatabaseConfig,
  connectfiWebhookSecret: string,
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    WEB_DIST_DIR: '',
    JWT_SECRET: testJwtSecret,
    RECONCILE_INTERVAL_MINUTES: '0',
    CAPA_BASE_URL: sandbox.capaUrl,
    CAPA_PARTNER_API_KEY: sandboxDefaults.capaPartnerApiKey,
    CAPA_WEBHOOK_SECRET: sandboxDefaults.capaWebhookSecret,
    CONNECTFI_BASE_URL: sandbox.connectfiUrl,
    CONNECTFI_LOGIN: sandboxDefaults.connectfiLogin,
    CONNECTFI_PASSWORD: sandboxDefaults.connectfiPassword,
    CONNECTFI_WEBHOOK_SECRET: connectfiWebhookSecret,
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
  };
}

/**
 * Starts `src/server.ts` as a process of its own, so a test can kill it with SIGKILL. One process: tsx runs as
 * a loader, so the signal hits the server itself.
 */
export function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: bffRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    // A fresh on-disk PGlite cluster runs initdb first, which takes a while on a busy machine.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 75_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
