import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxDefaults } from '@review-desk/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxUpstreams } from '../../src/config';
import { testJwtSecret } from '../auth/app';

const bffRoot = fileURLToPath(new URL('../../', import.meta.url));
const withoutSandbox = fileURLToPath(new URL('../helpers/without-sandbox.mjs', import.meta.url));
const started: ReturnType<typeof spawn>[] = [];

afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** Starts src/server.ts with the sandbox made unloadable, and resolves with its URL once it listens. */
function startWithoutSandbox(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', withoutSandbox, '--import', 'tsx', 'src/server.ts'], {
    cwd: bffRoot,
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: 'memory://',
      WEB_DIST_DIR: '',
      JWT_SECRET: testJwtSecret,
      RECONCILE_INTERVAL_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the BFF exited with ${code}:\n${output}`)));
  });
}

describe('the BFF without the sandbox', () => {
  it('does not depend on the sandbox at run time, nor name it in its source', () => {
    const manifest = JSON.parse(readFileSync(path.join(bffRoot, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies)).not.toContain('@review-desk/sandbox');
    const importers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/@review-desk\/sandbox|apps\/sandbox\/|\.\.\/sandbox\//.test(readFileSync(file, 'utf8'))) {
          importers.push(path.relative(bffRoot, file));
        }
      }
    };
    walk(path.join(bffRoot, 'src'));
    expect(importers).toEqual([]);
  });

  it('keeps the sandbox credentials it defaults to equal to the sandbox’s own', () => {
    for (const [name, value] of Object.entries(sandboxUpstreams)) {
      expect(sandboxDefaults[name as keyof typeof sandboxDefaults], name).toBe(value);
    }
  });

  it('makes the sandbox unloadable in the processes below (the proof would be empty otherwise)', () => {
    const attempt = spawnSync(
      process.execPath,
      ['--import', withoutSandbox, '--input-type=module', '-e', "await import('@review-desk/sandbox')"],
      { cwd: bffRoot, encoding: 'utf8' },
    );
    expect(attempt.status).not.toBe(0);
    expect(attempt.stderr).toContain('the sandbox is absent');
  });

  it('starts and answers against real providers, and on its embedded default', async () => {
    const upstream = await startWithoutSandbox({
      CAPA_BASE_URL: 'http://127.0.0.1:9',
      CAPA_PARTNER_API_KEY: 'partner-key-0123456789abcdef',
      CAPA_WEBHOOK_SECRET: 'capa-webhook-secret-0123456789',
      CONNECTFI_BASE_URL: 'http://127.0.0.1:9',
      CONNECTFI_LOGIN: 'desk',
      CONNECTFI_PASSWORD: 'connectfi-password',
      CONNECTFI_WEBHOOK_SECRET: 'connectfi-url-secret-0123456789abcdef',
    });
    const embedded = await startWithoutSandbox({ SANDBOX_CAPA_PORT: '9', SANDBOX_CONNECTFI_PORT: '9' });
    for (const url of [upstream, embedded]) {
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
    }
  }, 120_000);
});
