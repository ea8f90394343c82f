import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Servers under test run in child processes of their own, so the load generator (this process) does not
 * share an event loop with them. Each child announces itself with a `ready` message and then answers
 * requests `{ id, type, ... }` with `{ id, result }` or `{ id, error }`.
 */
export interface Child<Ready> {
  ready: Ready;
  pid: number;
  request<T>(type: string, payload?: Record<string, unknown>): Promise<T>;
  /** Resident set size from /proc (what the OS charges the process), in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

interface Reply {
  id?: number;
  type?: string;
  result?: unknown;
  error?: string;
}

/** A larger young generation: a case view allocates ~100 KB of short-lived JSON, and scavenges dominated. */
const bffV8Flags = ['--max-semi-space-size=64'];

/**
 * With BENCH_CPU_PROFILE_DIR, a V8 CPU profile of each BFF and passthrough written there when it stops (the
 * passthrough's in a `passthrough` folder), to compare their CPU per request.
 */
const profileFlags = (script: string): string[] => {
  const profiles = process.env.BENCH_CPU_PROFILE_DIR;
  if (!profiles || (script !== 'bff' && script !== 'passthrough')) return [];
  const dir = script === 'bff' ? profiles : `${profiles}/passthrough`;
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
};

export async function startChild<Ready>(
  script: string,
  env: Record<string, string> = {},
): Promise<Child<Ready>> {
  const file = fileURLToPath(new URL(`../children/${script}.ts`, import.meta.url));
  const child: ChildProcess = fork(file, [], {
    // The BFF runs with the V8 flags its start script gives it (apps/bff/package.json).
    execArgv: [...(script === 'bff' ? bffV8Flags : []), ...profileFlags(script), '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;

  const ready = await new Promise<Ready>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`${script} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.on('message', (message: Reply & { ready?: Ready }) => {
      if (message.type === 'ready') {
        child.off('exit', onExit);
        resolve(message.ready as Ready);
        return;
      }
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(`${script}: ${message.error}`));
      else waiting.resolve(message.result);
    });
  });

  const pid = child.pid ?? -1;
  return {
    ready,
    pid,
    request<T>(type: string, payload: Record<string, unknown> = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ ...payload, id, type });
      });
    },
    rss() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
      return kb * 1024;
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}

type Handler = (message: Record<string, unknown>) => Promise<unknown>;

/** The child side: announce readiness, answer requests with the handlers, close on SIGTERM. */
export function serveParent(
  ready: unknown,
  handlers: Record<string, Handler>,
  close: () => Promise<void>,
): void {
  process.on('message', (message: { id: number; type: string } & Record<string, unknown>) => {
    const handler = handlers[message.type];
    if (!handler) {
      process.send?.({ id: message.id, error: `unknown request ${message.type}` });
      return;
    }
    handler(message).then(
      (result) => process.send?.({ id: message.id, result }),
      (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
    );
  });
  process.once('SIGTERM', () => {
    close().finally(() => process.exit(0));
  });
  // The parent going away (a crash, Ctrl-C) must not leave servers behind.
  process.once('disconnect', () => {
    close().finally(() => process.exit(0));
  });
  process.send?.({ type: 'ready', ready });
}
