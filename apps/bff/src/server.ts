import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { startEmbeddedUpstreams } from './embedded';

/** Starts the BFF: validated config, the embedded sandbox when no upstream is configured, listen, graceful close. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const embedded = config.mode === 'embedded' ? await startEmbeddedUpstreams(config) : null;
  const app = await buildApp(config);

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await embedded?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  if (embedded) await embedded.afterListen(app);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
