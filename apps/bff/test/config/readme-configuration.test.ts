import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';

const bffRoot = fileURLToPath(new URL('../../', import.meta.url));
const repoRoot = path.resolve(bffRoot, '../..');
const configSource = readFileSync(path.join(bffRoot, 'src/config.ts'), 'utf8');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The variables named in the first column of the README's "Configuration" table. */
function documentedVariables(): Set<string> {
  const start = readme.indexOf('\n## Configuration\n');
  if (start === -1) throw new Error('README.md has no "## Configuration" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const firstCell = /^\|\s*([^|]*)\|/.exec(line)?.[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(match[1] as string);
  }
  return names;
}

/** Every variable name config.ts spells out: `env.NAME`, `env['NAME']`, or a name handed to a reader. */
function variablesInSource(): Set<string> {
  const names = new Set<string>();
  for (const match of configSource.matchAll(/env\.([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9_]+)'/g)) {
    names.add((match[1] ?? match[2]) as string);
  }
  return names;
}

/** The variables loadConfig actually reads, recorded through a proxy over a complete environment. */
function variablesRead(): Set<string> {
  const read = new Set<string>();
  const recording = (values: Record<string, string>) =>
    new Proxy(values, {
      get(target, name) {
        if (typeof name === 'string') read.add(name);
        return Reflect.get(target, name);
      },
    });
  const everything = {
    CAPA_BASE_URL: 'https://capa.example.org',
    CAPA_PARTNER_API_KEY: 'partner-key-0123456789abcdef',
    CAPA_WEBHOOK_SECRET: 'capa-webhook-secret-0123456789',
    CONNECTFI_BASE_URL: 'https://connectfi.example.org',
    CONNECTFI_LOGIN: 'desk',
    CONNECTFI_PASSWORD: 'connectfi-password',
    CONNECTFI_WEBHOOK_SECRET: 'connectfi-url-secret-0123456789abcdef',
    JWT_SECRET: 'j'.repeat(40),
    DATABASE_URL: 'postgres://desk@db.example.org/desk',
    DECISION_WEBHOOK_URL: 'https://decisions.example.org/hook',
    DECISION_WEBHOOK_SECRET: 'decision-secret-0123456789',
  };
  loadConfig(recording(everything), bffRoot);
  loadConfig(recording({}), bffRoot);
  return read;
}

const sorted = (names: Iterable<string>) => [...names].sort();
const missingFrom = (names: Set<string>, from: Set<string>) => sorted([...names].filter((n) => !from.has(n)));

describe("README's configuration table", () => {
  it('documents every variable config.ts names, and nothing it does not read', () => {
    const documented = documentedVariables();
    const inSource = variablesInSource();
    expect(missingFrom(inSource, documented), 'read by config.ts but not in the README table').toEqual([]);
    expect(missingFrom(documented, inSource), 'in the README table but never read by config.ts').toEqual([]);
  });

  it('documents every variable loadConfig reads at run time, in both modes', () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(10);
    expect(missingFrom(read, documentedVariables()), 'read at run time but not in the README').toEqual([]);
  });

  it('leaves the environment to config.ts: no other BFF source reads process.env', () => {
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(name) && file !== path.join(bffRoot, 'src/config.ts')) {
          if (readFileSync(file, 'utf8').includes('process.env')) readers.push(path.relative(bffRoot, file));
        }
      }
    };
    walk(path.join(bffRoot, 'src'));
    expect(readers).toEqual([]);
  });
});
