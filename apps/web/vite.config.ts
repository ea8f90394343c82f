import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const bff = 'http://127.0.0.1:3000';
const fromHere = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Vendor code in chunks by how often it changes and who needs it: React, the router and the data cache load
 * on every page; TanStack Table and Virtual with the queue, audit and case pages. MUI is left to automatic
 * splitting, so a page loads only the components it uses. Each route's own code is a lazy chunk
 * (src/app/router.tsx): a first visit downloads only the page it opens.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/, priority: 40 },
  { name: 'query', test: /node_modules[\\/]@tanstack[\\/](react-query|query-core)[\\/]/, priority: 20 },
  {
    name: 'table',
    test: /node_modules[\\/]@tanstack[\\/](react-table|table-core|react-virtual|virtual-core)[\\/]/,
    priority: 20,
  },
];

export default defineConfig(({ command }) => ({
  plugins: [react()],
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
      output: { codeSplitting: { groups: vendorChunks } },
    },
  },
}));
