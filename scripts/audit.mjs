#!/usr/bin/env node
// `pnpm audit:deps`: the dependency audit CI runs. Two parts:
// 1. Offline, always: every package in pnpm-lock.yaml comes from the npm registry with a sha512 integrity
//    (no git, tarball or local sources that would bypass it), and only the packages listed under
//    onlyBuiltDependencies may run install scripts.
// 2. The registry's advisories for production dependencies (`pnpm audit --prod`). Each high or critical
//    finding must be triaged in audit-triage.json (docs/security.md, "Dependency audit"); an untriaged one fails the run.
//    When the advisory service cannot be reached, the run says so plainly and does not pretend it passed:
//    REQUIRE_ADVISORIES=1 turns that into a failure.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const failures = [];

// 1. The lockfile.
const lockfile = readFileSync(path.join(root, 'pnpm-lock.yaml'), 'utf8');
const packagesSection = lockfile.slice(lockfile.indexOf('\npackages:\n'), lockfile.indexOf('\nsnapshots:\n'));
const entries = [...packagesSection.matchAll(/^ {2}'?([^\s'][^']*?)'?:\n((?: {4}.*\n)+)/gm)];
let fromRegistry = 0;
for (const [, name, body] of entries) {
  if (/resolution: \{integrity: sha512-[A-Za-z0-9+/=]+\}/.test(body)) fromRegistry++;
  else failures.push(`${name} is not resolved from the registry with a sha512 integrity`);
}
const workspace = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
const allowedBuilds = [
  ...(/onlyBuiltDependencies:\n((?: {2}- .*\n)+)/.exec(workspace)?.[1] ?? '').matchAll(/- (.+)/g),
].map((match) => match[1].trim());
console.log(
  `lockfile: ${fromRegistry} of ${entries.length} packages from the registry with sha512 integrity; ` +
    `install scripts allowed for: ${allowedBuilds.join(', ') || 'none'}`,
);

// 2. The advisories.
const triage = JSON.parse(readFileSync(path.join(root, 'audit-triage.json'), 'utf8'));
let report;
let unreachable = null;
try {
  report = JSON.parse(run());
} catch (error) {
  unreachable = error instanceof Error ? error.message : String(error);
}

if (report?.advisories) {
  const advisories = Object.values(report.advisories);
  console.log(`advisories for production dependencies: ${advisories.length}`);
  for (const advisory of advisories) {
    const id = advisory.github_advisory_id ?? String(advisory.id);
    const decision = triage.advisories?.[id];
    const serious = advisory.severity === 'high' || advisory.severity === 'critical';
    console.log(
      `  ${advisory.severity.padEnd(8)} ${id} ${advisory.module_name}@${advisory.findings?.[0]?.version ?? '?'}: ` +
        `${advisory.title} -> ${decision ? `${decision.decision}: ${decision.reason}` : 'NOT TRIAGED'}`,
    );
    if (serious && !decision)
      failures.push(`${id} (${advisory.module_name}, ${advisory.severity}) is not triaged`);
  }
} else {
  const reason = unreachable ?? 'the audit answered without an advisories list';
  console.log(
    `advisories: NOT CHECKED, the registry's audit service could not be used (${firstLine(reason)})`,
  );
  if (process.env.REQUIRE_ADVISORIES === '1') failures.push('the advisory lookup did not run');
}

if (failures.length > 0) {
  console.error(`dependency audit failed:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
console.log(
  report?.advisories
    ? 'dependency audit: passed, no untriaged high or critical advisory'
    : 'dependency audit: lockfile checks passed; advisories not checked (see above)',
);

/** pnpm audit's JSON. It exits 1 when it finds advisories; its output is still the report. */
function run() {
  try {
    // Run through `pnpm audit:deps`, pnpm names itself in npm_execpath (CI runs pnpm through npx, not on PATH).
    const pnpm = process.env.npm_execpath?.includes('pnpm')
      ? [process.execPath, [process.env.npm_execpath]]
      : ['pnpm', []];
    return execFileSync(pnpm[0], [...pnpm[1], 'audit', '--prod', '--json'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (error) {
    const output = `${error.stdout ?? ''}`.trim();
    let parsed = null;
    try {
      parsed = JSON.parse(output);
    } catch {}
    if (parsed && !parsed.error) return output;
    throw new Error(parsed?.error?.message ?? (`${output}${error.stderr ?? ''}`.trim() || error.message));
  }
}

function firstLine(text) {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? text
  );
}
