import { fileURLToPath } from 'node:url';
import { configOrExit, exitOnFailure, serve } from '@review-desk/bff/serve';
import { startEmbeddedUpstreams } from './embedded';

/** The BFF's directory: its defaults (the embedded database's directory, the built SPA) are relative to it. */
const bffDir = fileURLToPath(new URL('../../bff/', import.meta.url));

/**
 * What `pnpm start` runs. With no upstream configured, the embedded default: the sandbox's Capa and connectFi
 * in this process, the BFF pointed at them, the desk seeded through real webhooks, demo users. With upstream
 * variables set, the BFF alone, as `pnpm --filter @review-desk/bff start` runs it.
 */
async function main() {
  const config = configOrExit(process.env, bffDir);
  if (config.mode !== 'embedded') {
    await serve(config);
    return;
  }
  const embedded = await startEmbeddedUpstreams(config);
  await serve(config, {
    // The terminal of `pnpm start` shows start-up, warnings, errors and the banner; LOG_LEVEL=debug adds requests.
    requestLogLevel: 'debug',
    afterListen: (app) => embedded.afterListen(app),
    afterClose: () => embedded.close(),
  });
}

main().catch(exitOnFailure);
