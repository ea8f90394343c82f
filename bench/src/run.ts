import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxDefaults } from '@review-desk/sandbox';
import type { SandboxReady } from './children/sandbox';
import { type Child, startChild } from './lib/child';
import { timedClient } from './lib/load';
import { type BenchSchema, freshSchema } from './lib/postgres';
import { signIn } from './lib/session';
import { notRun, type Row, renderTable } from './lib/table';
import { caseViewRows } from './phases/case-view';
import { ingestionRows } from './phases/ingestion';
import { memoryRows } from './phases/memory';
import { nextCaseRow } from './phases/next-case';
import { type BffReady, type QueueTarget, queueRows, queueSizes, seedRow } from './phases/queue';
import { bundleRows, chromiumPath, pageRows } from './phases/spa';

/**
 * `pnpm bench`: the BFF against the sandbox on loopback. Each server under test runs in its own child process
 * (sandbox, BFF, reply-from passthrough); this process generates the load (autocannon, undici) and drives
 * Chromium. All of them share the machine's cores: figures are compared within one run, never across runs.
 */
const env = process.env;
const seconds = Number(env.BENCH_DURATION || 5);
const memoryRequests = Number(env.BENCH_MEMORY_REQUESTS || 100_000);
// A p95 needs enough samples to be more than the slowest one or two: 100 take about ten seconds per engine.
const queueSamples = Number(env.BENCH_QUEUE_SAMPLES || 100);
// Cold page loads per page in the SPA section (each in a fresh browser context).
const spaRuns = Number(env.BENCH_SPA_RUNS || 5);
const postgresUrl =
  env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
// BENCH_ONLY=c,d runs some sections (a and b run together); such a partial run does not replace latest.json.
const sections = new Set((env.BENCH_ONLY || 'a,b,c,d,e,f').split(',').map((section) => section.trim()));
// BENCH_ENGINES=postgres skips PGlite (a million cases is a PostgreSQL-only run); also partial.
const engines = new Set((env.BENCH_ENGINES || 'pglite,postgres').split(',').map((engine) => engine.trim()));
const runs = (section: string) => sections.has(section) || (section === 'a' && sections.has('b'));
const partial = ['a', 'c', 'd', 'e', 'f'].some((section) => !runs(section)) || engines.size < 2;

const benchDir = fileURLToPath(new URL('..', import.meta.url));
const webDist = path.resolve(benchDir, '../apps/web/dist');
const resultsDir = path.join(benchDir, 'results');

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

const children: Child<unknown>[] = [];
async function start<Ready>(script: string, childEnv: Record<string, string> = {}): Promise<Child<Ready>> {
  const child = await startChild<Ready>(script, childEnv);
  children.push(child);
  return child;
}
async function stop(child: Child<unknown>): Promise<void> {
  const index = children.indexOf(child);
  if (index >= 0) children.splice(index, 1);
  await child.stop();
}

function ensureWebBuild(): boolean {
  const build = (args: string[]) => {
    try {
      execFileSync('pnpm', ['--filter', '@review-desk/web', ...args], { stdio: 'inherit' });
    } catch {
      // Reported by the missing file below.
    }
  };
  if (!existsSync(path.join(webDist, 'index.html'))) {
    progress('building the SPA (apps/web/dist is missing)');
    build(['build']);
  }
  // The floor page the case page is measured against (apps/web/floor): the benchmark's own build, beside the app's.
  if (!existsSync(path.join(webDist, 'floor', 'index.html'))) {
    progress('building the floor page (apps/web/dist/floor is missing)');
    build(['exec', 'vite', 'build', '--mode', 'floor']);
  }
  return (
    existsSync(path.join(webDist, 'index.html')) && existsSync(path.join(webDist, 'floor', 'index.html'))
  );
}

async function main(): Promise<Row[]> {
  const rows: Row[] = [];
  // Only the SPA section needs a build: a queue or ingestion run does not wait for one.
  const hasWeb = runs('e') ? ensureWebBuild() : existsSync(path.join(webDist, 'index.html'));
  progress('starting the sandbox and the passthrough');
  const sandbox = await start<SandboxReady>('sandbox');
  const { capaUrl, connectfiUrl } = sandbox.ready;
  const subject = sandbox.ready.capaReviewNeeded[0]?.id;
  if (!subject) throw new Error('the sandbox has no Capa subject in REVIEW_NEEDED');
  const passthrough = await start<{ url: string }>('passthrough', {
    BENCH_CAPA_URL: capaUrl,
    BENCH_CAPA_API_KEY: sandboxDefaults.capaPartnerApiKey,
  });
  const bffEnv = (databaseUrl?: string, dataDir?: string) => ({
    BENCH_CAPA_PORT: new URL(capaUrl).port,
    BENCH_CONNECTFI_PORT: new URL(connectfiUrl).port,
    BENCH_WEB_DIST_DIR: hasWeb ? webDist : '',
    ...(databaseUrl ? { BENCH_BFF_DATABASE_URL: databaseUrl } : {}),
    ...(dataDir ? { BENCH_BFF_DATA_DIR: dataDir } : {}),
  });
  const caseViewTarget = (bff: Child<BffReady>, cookie: string) => ({
    name: 'bff',
    url: `${bff.ready.url}/api/subjects/capa/${subject}`,
    headers: { cookie },
  });

  if (runs('a')) {
    progress(`a, b: case view, ${seconds} s per target and connection count`);
    const bff = await start<BffReady>('bff', bffEnv());
    const cookie = await signIn(bff.ready.url, 'analyst');
    rows.push(
      ...(await caseViewRows(
        {
          direct: {
            name: 'direct',
            url: `${capaUrl}/api/partner/v2/kyc/details?userId=${subject}`,
            headers: { 'partner-api-key': sandboxDefaults.capaPartnerApiKey },
          },
          passthrough: {
            name: 'passthrough',
            url: `${passthrough.ready.url}/passthrough/capa/${subject}`,
            headers: {},
          },
          bff: caseViewTarget(bff, cookie),
        },
        seconds,
      )),
    );
    await stop(bff);
  }
  await stop(passthrough);

  if (runs('f')) {
    progress(`f: memory over ${memoryRequests} case views`);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'review-desk-bench-memory-'));
    const bff = await start<BffReady>('bff', bffEnv(undefined, dataDir));
    const target = caseViewTarget(bff, await signIn(bff.ready.url, 'analyst'));
    const client = timedClient(target);
    await client.once();
    await client.close();
    rows.push(...(await memoryRows(bff, target, memoryRequests)));
    await stop(bff);
    await rm(dataDir, { recursive: true, force: true });
  }

  const seedSubjects = { capa: sandbox.ready.capaReviewNeeded, connectfi: sandbox.ready.connectfiWaiting };
  const spaRows: Row[] = !runs('e')
    ? []
    : hasWeb
      ? bundleRows(webDist)
      : [notRun('e. SPA', 'bundle sizes', 'the SPA did not build')];
  for (const label of ['PGlite', 'PostgreSQL'] as const) {
    if (!engines.has(label === 'PGlite' ? 'pglite' : 'postgres')) continue;
    if (!runs('c') && !runs('d') && !(runs('e') && label === 'PGlite')) continue;
    const schema = label === 'PostgreSQL' ? await freshSchema(postgresUrl) : null;
    if (label === 'PostgreSQL' && !schema) {
      rows.push(
        notRun(
          'c. queue (PostgreSQL)',
          `${queueSizes(env.BENCH_QUEUE_CASES, label)
            .map((size) => size.toLocaleString('en'))
            .join(', ')} cases`,
          'not run: no PostgreSQL',
        ),
      );
      rows.push(notRun('d. ingestion (PostgreSQL)', 'deliveries/s', 'not run: no PostgreSQL', '≥ 1,000/s'));
      continue;
    }
    // Larger queues (PostgreSQL): a schema and a BFF each, measured interleaved with the first.
    const larger: { schema: BenchSchema; bff: Child<BffReady> }[] = [];
    try {
      const bff = await start<BffReady>('bff', bffEnv(schema?.url));
      const cookie = await signIn(bff.ready.url, 'analyst');
      if (runs('c') || runs('e')) {
        const [size = 100_000, ...more] = queueSizes(env.BENCH_QUEUE_CASES, label);
        const targets: QueueTarget[] = [{ size, bff, cookie }];
        for (const count of runs('c') ? more : []) {
          const own = await freshSchema(postgresUrl);
          if (!own) continue;
          const other = await start<BffReady>('bff', bffEnv(own.url));
          larger.push({ schema: own, bff: other });
          targets.push({ size: count, bff: other, cookie: await signIn(other.ready.url, 'analyst') });
        }
        const seeded: Row[] = [];
        for (const target of targets) seeded.push(await seedRow(target, label, seedSubjects, progress));
        if (runs('c')) rows.push(...seeded, ...(await queueRows(targets, label, queueSamples)));
        for (const { bff: other } of larger) await stop(other);
      }
      if (runs('e') && label === 'PGlite') spaRows.push(...(await spaPages(bff, cookie)));
      if (runs('d')) {
        progress(`d: ingestion on ${label}`);
        rows.push(...(await ingestionRows(bff.ready.url, sandboxDefaults.capaWebhookSecret, label, seconds)));
      }
      await stop(bff);
    } finally {
      // BENCH_KEEP_SCHEMA=1 leaves the seeded schema in place, to look at plans (EXPLAIN) after the run.
      for (const kept of [schema, ...larger.map((entry) => entry.schema)]) {
        if (env.BENCH_KEEP_SCHEMA === '1' && kept) progress(`kept ${kept.url}`);
        else await kept?.drop();
      }
    }
  }
  rows.push(...spaRows);
  return rows;

  async function spaPages(bff: Child<BffReady>, cookie: string): Promise<Row[]> {
    const executable = chromiumPath();
    if (!hasWeb) return [notRun('e. SPA', 'page timings', 'the SPA did not build')];
    if (!executable) return [notRun('e. SPA', 'page timings', 'no Chromium (set CHROMIUM_PATH)')];
    const withMedia = sandbox.ready.capaWithMedia[0];
    const client = timedClient({ name: 'bff', url: bff.ready.url, headers: { cookie } });
    const found = withMedia
      ? await client.json<{ items: { id: string }[] }>(
          `/api/cases?q=${encodeURIComponent(withMedia)}&limit=1`,
        )
      : { items: [] };
    await client.close();
    const caseId = found.items[0]?.id;
    if (!caseId) return [notRun('e. SPA', 'page timings', 'no case with media in the queue')];
    progress('e: page timings in Chromium');
    const pages = await pageRows({ baseUrl: bff.ready.url, caseId, runs: spaRuns }, executable);
    // Last: it decides ten cases of the queue (BENCH_NEXT_CASE_RUNS: more, for a steadier median under load).
    progress('e: next case after a decision in Chromium');
    const decisions = Number(process.env.BENCH_NEXT_CASE_RUNS ?? 10);
    return [...pages, await nextCaseRow(bff.ready.url, executable, decisions)];
  }
}

function machine() {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavg: os.loadavg(),
  };
}

const startedAt = new Date();
try {
  const rows = await main();
  const table = renderTable(rows);
  process.stdout.write(`\n${table}\n`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    settings: {
      seconds,
      memoryRequests,
      queueCases: queueSizes(env.BENCH_QUEUE_CASES, 'PostgreSQL'),
      queueSamples,
    },
    table,
    rows,
  };
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify({ ...report, sections: partial ? [...sections] : 'all' }, null, 2)}\n`;
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  if (!partial) writeFileSync(path.join(resultsDir, 'latest.json'), json);
  writeFileSync(path.join(resultsDir, `${partial ? 'partial-' : ''}${stamp}.json`), json);
} finally {
  await Promise.all(children.splice(0).map((child) => child.stop()));
}
