import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';

const bff = 'http://127.0.0.1:3000';
const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Vendor code in chunks by how often it changes and who needs it: React, the router and the data cache load
 * on every page; TanStack Table with the queue, audit and case pages. TanStack Virtual is left to the lazy
 * chunk that uses it (src/components/data-table/virtual-rows.tsx). The queue is part of the entry, every
 * other page a lazy chunk (src/app/router.tsx). The MUI and emotion code the entry needs is one chunk
 * ('$initial': what the entry imports statically), rather than the dozen small chunks automatic splitting
 * makes of it: fewer requests from index.html and better compression. What only lazy pages use is still
 * split automatically, so a page loads only the components it uses.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/, priority: 40 },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/](react-query|query-core)[\\/]/, priority: 20 },
  { name: 'table', test: /node_modules[\\/]@tanstack[\\/](react-table|table-core)[\\/]/, priority: 20 },
  {
    name: 'mui',
    test: /node_modules[\\/](@mui|@emotion|stylis|react-transition-group|@babel|clsx|react-is|hoist-non-react-statics)[\\/]/,
    tags: ['$initial' as const],
    priority: 10,
  },
];

/**
 * Every chunk starts with V8's explicit compile hint (Chrome 136+; a plain comment elsewhere): its functions
 * are compiled eagerly, on a background thread while the file downloads, instead of one by one on the main
 * thread the first time each runs. A chunk's code runs as soon as it has loaded (the entry at start-up, a
 * page's chunks when it opens), so most of it is needed at once. The hint only counts on a file's first line,
 * hence after Vite's own additions to the chunk.
 */
const compileHint: Plugin = {
  name: 'review-desk:compile-hint',
  generateBundle: {
    order: 'post',
    handler(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      }
    },
  },
};

/**
 * Writes a brotli and a gzip copy beside each built script, stylesheet and image, which the BFF sends to the
 * browsers that accept them (@fastify/static's preCompressed): the code crosses the network at its compressed
 * size, compressed once at build time at the best ratio instead of on every request. A few lines of
 * node:zlib rather than a plugin that would have to follow each Vite major version.
 */
const precompress: Plugin = {
  name: 'review-desk:precompress',
  apply: 'build',
  writeBundle(options, bundle) {
    const outDir = options.dir ?? fromHere('./dist');
    for (const fileName of Object.keys(bundle)) {
      if (!/\.(js|css|svg)$/.test(fileName)) continue;
      const file = path.join(outDir, fileName);
      const source = readFileSync(file);
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(source, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        }),
      );
      writeFileSync(`${file}.gz`, gzipSync(source, { level: constants.Z_BEST_COMPRESSION }));
    }
  },
};

/** Each lazily loaded page by the addresses it serves (the patterns of src/app/router.tsx). */
const routeModules: Record<string, string> = {
  '^/cases/[^/]+/?$': 'src/app/routes/app/case.tsx',
  '^/subjects/[^/]+/[^/]+/?$': 'src/app/routes/app/subject.tsx',
  '^/search/?$': 'src/app/routes/app/search.tsx',
  '^/audit/?$': 'src/app/routes/app/audit.tsx',
  '^/overview/?$': 'src/app/routes/app/overview.tsx',
  '^/login/?$': 'src/app/routes/auth/login.tsx',
};
const earlyRequestsEntry = 'src/boot/early-requests.ts';

/**
 * index.html runs src/boot/early-requests.ts (its own entry) before the app's entry, and carries, as JSON it
 * reads, each lazy page's chunks that the entry does not already load: opened at such an address, the page's
 * code is fetched alongside the entry rather than after the entry has run. Nothing of it is preloaded
 * anywhere else, so the queue's first load is unchanged.
 */
const earlyRequests: Plugin = {
  name: 'review-desk:early-requests',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html, { bundle, chunk: entry }) {
      if (!bundle || !entry) throw new Error('index.html transformed without its bundle');
      const chunks = Object.values(bundle).filter(
        (output): output is Rolldown.OutputChunk => output.type === 'chunk',
      );
      const byFile = new Map(chunks.map((output) => [output.fileName, output]));
      const closure = (root: string) => {
        const seen = new Set<string>();
        const visit = (file: string) => {
          if (seen.has(file)) return;
          seen.add(file);
          for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
        };
        visit(root);
        return seen;
      };
      const facade = (module: string) => {
        const found = chunks.find((output) => output.facadeModuleId === fromHere(module));
        if (!found) throw new Error(`no chunk for ${module}`);
        return found;
      };
      const initial = closure(entry.fileName);
      // A page's own lazy parts (the case page's decision column) are fetched with it too: they render just
      // after the page, so they should not wait for its code to run before being asked for.
      const pageFiles = (page: Rolldown.OutputChunk) =>
        new Set([page.fileName, ...page.dynamicImports].flatMap((file) => [...closure(file)]));
      const modules = Object.fromEntries(
        Object.entries(routeModules).map(([pattern, module]) => [
          pattern,
          [...pageFiles(facade(`./${module}`))]
            .filter((file) => !initial.has(file))
            .map((file) => `/${file}`),
        ]),
      );
      const early = facade(`./${earlyRequestsEntry}`);
      // Before the entry's own script tag: module scripts run in document order.
      const entryTag = html.indexOf('<script type="module"');
      if (entryTag < 0) throw new Error('index.html has no module script');
      const tags =
        `<script type="application/json" id="route-modules">${JSON.stringify(modules)}</script>\n    ` +
        `<script type="module" crossorigin src="/${early.fileName}"></script>\n    `;
      return `${html.slice(0, entryTag)}${tags}${html.slice(entryTag)}`;
    },
  },
};

const treeshake = { manualPureFunctions: ['Type'] };

/**
 * `vite build --mode floor`: the benchmark's floor page (floor/main.tsx), built with the same chunking,
 * compression and compile hints as the app, into dist/floor where the BFF serves it at /floor/index.html.
 * Only the benchmark builds it (bench/src/run.ts); `pnpm build` never does, so it never ships.
 */
const floorBuild = {
  root: fromHere('./floor'),
  base: '/floor/',
  plugins: [react(), compileHint, precompress],
  build: {
    outDir: fromHere('./dist/floor'),
    emptyOutDir: true,
    rolldownOptions: {
      treeshake,
      input: fromHere('./floor/index.html'),
      output: { codeSplitting: { groups: vendorChunks } },
    },
  },
};

export default defineConfig(({ command, mode }) => ({
  plugins: [react(), compileHint, earlyRequests, precompress],
  resolve: {
    alias: {
      '@': fromHere('./src'),
      // react-router's package exports point at its development build only (remix-run/react-router#12532);
      // production builds take the production files, which drop the dev-only checks and warnings.
      ...(command === 'build'
        ? { 'react-router': fromHere('./node_modules/react-router/dist/production/index.mjs') }
        : {}),
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: bff, changeOrigin: false },
      '/webhooks': { target: bff, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The contracts package defines its TypeBox schemas beside the constants the SPA uses (reason codes, list
      // labels): calls of TypeBox's `Type` builders have no side effects, so the schemas the SPA never reads,
      // and TypeBox with them, are left out of the bundle (some 25 KB gzipped on the case page).
      treeshake,
      input: { index: fromHere('./index.html'), 'early-requests': fromHere(`./${earlyRequestsEntry}`) },
      output: { codeSplitting: { groups: vendorChunks } },
    },
  },
  ...(mode === 'floor' ? floorBuild : {}),
}));
