import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const launcherDir = fileURLToPath(new URL('..', import.meta.url));
const bannerLine = 'Review Desk is running at ';

/** A port nobody listens on right now, handed to the launcher. */
function freePort(): Promise<number> {
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

/**
 * Runs the launcher as `pnpm start` does (its `start` script), with stdout a pipe rather than a terminal, until
 * it prints the banner (bounded); then stops it. Returns the lines it printed up to the banner.
 */
async function linesUntilBanner(): Promise<string[]> {
  const [port, capaPort, connectfiPort] = [await freePort(), await freePort(), await freePort()];
  const tempDir = mkdtempSync(path.join(tmpdir(), 'review-desk-launcher-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SANDBOX_CAPA_PORT: String(capaPort),
    SANDBOX_CONNECTFI_PORT: String(connectfiPort),
    DATA_DIR: path.join(tempDir, 'pglite'),
    // The API alone: this test is about the terminal, not the SPA build.
    WEB_DIST_DIR: '',
  };
  delete env.LOG_LEVEL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: launcherDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-5_000);
  });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no banner within 150 s:\n${stdout.slice(-5_000)}\n${stderr}`)),
        150_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const lines = stdout.split('\n');
        const at = lines.findIndex((line) => line.startsWith(bannerLine));
        if (at === -1) return;
        clearTimeout(timer);
        resolve(lines.slice(0, at + 1));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the launcher exited (${code}) before its banner:\n${stdout}\n${stderr}`));
      });
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(tempDir, { recursive: true, force: true });
  }
}

it('pnpm start without a terminal prints the banner within its first 40 lines, logs as JSON and no line per request', async () => {
  const lines = await linesUntilBanner();
  expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(40);
  const logs = lines.filter((line) => line.startsWith('{'));
  // Start-up logged (not a terminal: JSON lines for a collector), while seeding's webhooks were not.
  expect(logs.map((line) => JSON.parse(line).msg)).toEqual(
    expect.arrayContaining(['database ready', expect.stringMatching(/^Server listening/)]),
  );
  expect(lines.join('\n')).not.toContain('incoming request');
  expect(lines.join('\n')).not.toContain('request completed');
});
