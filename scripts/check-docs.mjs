#!/usr/bin/env node
// Part of `pnpm lint`: the README stays the front door. It is at most 12 KB, its Layout section links every
// folder README in the repository, and every relative link it holds points at a file that exists.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const maxBytes = 12 * 1024;
const skipped = new Set(['node_modules', '.git', 'dist', '.data', 'test-results', 'results']);
const problems = [];

const size = Buffer.byteLength(readme);
if (size > maxBytes) {
  problems.push(`README.md is ${size} bytes, over ${maxBytes}: move narrative to docs/ or bench/README.md`);
}

const layoutStart = readme.indexOf('\n## Layout\n');
const layoutEnd = readme.indexOf('\n## ', layoutStart + 1);
const layout = layoutStart === -1 ? '' : readme.slice(layoutStart, layoutEnd === -1 ? undefined : layoutEnd);
if (!layout) problems.push('README.md has no "## Layout" section');

function folderReadmes(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (skipped.has(name)) continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...folderReadmes(file));
    else if (name === 'README.md' && dir !== root) found.push(path.relative(root, file));
  }
  return found;
}
const linked = new Set([...layout.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => path.normalize(m[1])));
for (const file of folderReadmes(root)) {
  if (!linked.has(path.normalize(file))) problems.push(`README.md's Layout section does not link ${file}`);
}

for (const [, target] of readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
  if (/^[a-z]+:/.test(target)) continue;
  if (!existsSync(path.join(root, target))) problems.push(`README.md links ${target}, which does not exist`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`docs: ${problem}`);
  process.exit(1);
}
console.log(`docs: README.md ${size} bytes, every folder README linked`);
