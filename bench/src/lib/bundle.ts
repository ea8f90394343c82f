import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * What the SPA's build loads for a page, read from the built files themselves (apps/web/dist): index.html's
 * scripts and modulepreloads, and the chunks each file imports statically (those load with the importer).
 * The benchmark reports these sizes and apps/e2e's bundle test holds the first route to its budget.
 */
export const gzipSize = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The chunk's name without Vite's content hash: "queue-1Rv_EZWq.js" is "queue". */
export const chunkName = (file: string) => path.basename(file).replace(/-[\w-]{8}\.(js|css)$/, '');

/** Files the SPA build emitted and how they import each other (static imports load with the importer). */
export function chunkGraph(distDir: string) {
  const assets = path.join(distDir, 'assets');
  const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const staticImports = new Map<string, string[]>();
  const lazy = new Set<string>();
  for (const file of files) {
    const code = readFileSync(path.join(assets, file), 'utf8');
    staticImports.set(
      file,
      [...code.matchAll(/(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g)].map((match) => match[1] as string),
    );
    for (const match of code.matchAll(/import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g))
      lazy.add(match[1] as string);
  }
  const closure = (roots: readonly string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const imported of staticImports.get(file) ?? []) visit(imported);
    };
    for (const root of roots) visit(root);
    return seen;
  };
  const size = (chunks: Iterable<string>) =>
    [...chunks].reduce((sum, file) => sum + gzipSize(path.join(assets, file)), 0);
  return { assets, lazy, closure, size };
}

/** The scripts index.html loads (its module scripts and modulepreloads) and its stylesheets. */
export function indexHtmlFiles(distDir: string) {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const local = (href: string) => path.basename(href);
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((match) =>
    local(match[1] as string),
  );
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((match) =>
    local(match[1] as string),
  );
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((match) =>
    local(match[1] as string),
  );
  return { scripts: [...scripts, ...preloads], styles };
}

/**
 * The JavaScript the first route (/queue, where every session starts) loads: what index.html loads, and the
 * lazy root and queue chunks on top of it when those are lazy. Gzip bytes, as they cross the network.
 */
export function initialRoute(distDir: string) {
  const graph = chunkGraph(distDir);
  const initial = graph.closure(indexHtmlFiles(distDir).scripts);
  const routeChunk = (name: string) => [...graph.lazy].find((file) => chunkName(file) === name);
  const files = graph.closure([...initial, ...['root', 'queue'].flatMap((name) => routeChunk(name) ?? [])]);
  return { initial, files, gzipBytes: graph.size(files) };
}
