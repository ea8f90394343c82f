#!/usr/bin/env node
// Part of `pnpm lint`: the SPA's import boundaries (apps/web/README.md, "Layout"). Code flows one way,
// shared → features → app:
// - a feature never imports another feature (features/x never imports features/y);
// - shared code (components, hooks, lib, config) never imports a feature or the app;
// - a feature never imports the app.
// Biome's noRestrictedImports matches import strings, not the folder an import resolves to, so relative
// imports (`../../cases/...`) would slip past it; this check resolves both `@/` and relative specifiers.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'apps/web/src');
// testing/ renders the whole app for page tests, so it is not shared runtime code and may import it.
const shared = new Set(['components', 'hooks', 'lib', 'config']);
const importPattern =
  /(?:^|\s)(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* sourceFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield path;
  }
}

/** The importing or imported file's place: { top: 'features', feature: 'cases' } and the like. */
function placeOf(pathInSrc) {
  const [top, second] = pathInSrc.split(sep);
  return { top, feature: top === 'features' ? second : undefined };
}

function targetOf(file, specifier) {
  if (specifier.startsWith('@/')) return specifier.slice(2).split('/').join(sep);
  if (specifier.startsWith('.')) return relative(src, resolve(dirname(file), specifier));
  return undefined; // a package
}

function violationsOf(file, text) {
  const from = placeOf(relative(src, file));
  const found = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    const target = targetOf(file, specifier);
    if (target === undefined || target.startsWith('..')) continue;
    const to = placeOf(target);
    if (from.top === 'features' && to.top === 'features' && to.feature !== from.feature) {
      found.push(`features/${from.feature} imports features/${to.feature} ('${specifier}')`);
    } else if (from.top === 'features' && to.top === 'app') {
      found.push(`features/${from.feature} imports the app ('${specifier}')`);
    } else if (shared.has(from.top) && (to.top === 'features' || to.top === 'app')) {
      found.push(
        `${from.top} imports ${to.top === 'app' ? 'the app' : `features/${to.feature}`} ('${specifier}')`,
      );
    }
  }
  return found;
}

const problems = [];
for (const file of sourceFiles(src)) {
  for (const violation of violationsOf(file, readFileSync(file, 'utf8'))) {
    problems.push(`${relative(root, file)}: ${violation}`);
  }
}
if (problems.length > 0) {
  console.error(
    `Import boundaries (apps/web/README.md, "Layout"):\n${problems.map((p) => `- ${p}`).join('\n')}`,
  );
  process.exit(1);
}
