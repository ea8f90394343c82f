#!/usr/bin/env node
// The one test command (`pnpm test`). It runs every Vitest project, and says plainly what it could not run:
// PostgreSQL-backed store tests need a reachable server, browser tests need a Chromium. CI sets
// REQUIRE_POSTGRES=1 and REQUIRE_BROWSER=1 so that a missing dependency fails the run instead of skipping.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const chromiumCandidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const skipped = [];
const env = { ...process.env };

if (await reachable(databaseUrl)) {
  env.TEST_DATABASE_URL = databaseUrl;
} else {
  if (process.env.REQUIRE_POSTGRES === '1') {
    console.error(
      `PostgreSQL is required (REQUIRE_POSTGRES=1) but nothing answers at ${new URL(databaseUrl).host}.`,
    );
    process.exit(1);
  }
  env.TEST_DATABASE_URL = '';
  skipped.push(`PostgreSQL store tests: no server at ${new URL(databaseUrl).host} (set TEST_DATABASE_URL)`);
}

const chromium = chromiumCandidates.find((p) => p && existsSync(p));
if (chromium) {
  env.CHROMIUM_PATH = chromium;
} else {
  if (process.env.REQUIRE_BROWSER === '1') {
    console.error('A Chromium is required (REQUIRE_BROWSER=1) but none was found (set CHROMIUM_PATH).');
    process.exit(1);
  }
  env.CHROMIUM_PATH = '';
  skipped.push('browser tests: no Chromium found (install one, or set CHROMIUM_PATH)');
}

const report = join(mkdtempSync(join(tmpdir(), 'review-desk-test-')), 'vitest.json');
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit', env });

let passed = 0;
let failed = 0;
let skippedTests = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites ?? 0);
  skippedTests = json.numPendingTests + json.numTodoTests;
}

console.log('');
if (skipped.length > 0) {
  console.log('Not run on this machine:');
  for (const line of skipped) console.log(`  - ${line}`);
}
console.log(`${passed} passed, ${failed} failed${skippedTests ? `, ${skippedTests} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
