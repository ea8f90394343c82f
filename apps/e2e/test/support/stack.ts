import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const launcherDir = path.join(repoRoot, 'apps/launcher');
const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');
const tsxBin = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** A port nobody listens on right now: the OS picks one for a moment, then it is handed to the stack. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `pnpm start` serves the built SPA; build it once when this checkout has none. */
export function ensureWebBuilt(): void {
  if (existsSync(webIndex)) return;
  // The production build users get: Vitest sets NODE_ENV=test, which would otherwise give Vite React's
  // development build (larger and slower than what `pnpm start` serves).
  const build = spawnSync('pnpm', ['--filter', '@review-desk/web', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error(`building the SPA failed (exit ${build.status})`);
}

export interface RunningStack {
  baseUrl: string;
  capaUrl: string;
  connectfiUrl: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /healthz within 60 s:\n${output()}`);
}

function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      // The server was started as the leader of its own group: the signal reaches tsx and the node it runs.
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

export interface StackOptions {
  /** The desk's port, when something must know its address before it starts (an identity provider). */
  port?: number;
  /** More configuration, e.g. single sign-on. */
  env?: Record<string, string>;
}

/**
 * Starts the product as `pnpm start` runs it (tsx src/main.ts in apps/launcher, embedded default) on free
 * ports, with a fresh embedded database; stop() ends the process tree and removes the database.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const [port, capaPort, connectfiPort] = [
    options.port ?? (await freePort()),
    await freePort(),
    await freePort(),
  ];
  // The database lives one level down: the embedded engine keeps a lock file beside its directory.
  const tempDir = mkdtempSync(path.join(tmpdir(), 'review-desk-e2e-'));
  const dataDir = path.join(tempDir, 'pglite');
  let log = '';
  const child = spawn(tsxBin, ['src/main.ts'], {
    cwd: launcherDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      SANDBOX_CAPA_PORT: String(capaPort),
      SANDBOX_CONNECTFI_PORT: String(connectfiPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const output = () => log;

  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(tempDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    capaUrl: `http://127.0.0.1:${capaPort}`,
    connectfiUrl: `http://127.0.0.1:${connectfiPort}`,
    output,
    stop,
  };
}
