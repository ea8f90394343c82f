import { type App, buildApp } from './app';
import { type AppConfig, ConfigError, loadConfig } from './config';

/** The validated configuration, or the process ends with a message naming the variable at fault. */
export function configOrExit(env?: Record<string, string | undefined>, cwd?: string): AppConfig {
  try {
    return loadConfig(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

export interface ServeOptions {
  /** The level of the per-request log lines (the embedded launcher keeps them at debug). */
  requestLogLevel?: 'info' | 'debug';
  /** Runs once the BFF listens (the embedded launcher seeds the desk and prints its banner here). */
  afterListen?: (app: App) => Promise<void>;
  /** Runs after the BFF has closed, on SIGINT or SIGTERM. */
  afterClose?: () => Promise<void>;
}

/** Builds the BFF, listens, and closes gracefully on SIGINT or SIGTERM. */
export async function serve(config: AppConfig, options: ServeOptions = {}): Promise<App> {
  // A person at a terminal gets readable lines; anything else (a file, a log collector) gets JSON.
  const app = await buildApp(config, {
    prettyLogs: process.stdout.isTTY === true,
    requestLogLevel: options.requestLogLevel ?? 'info',
  });

  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await options.afterClose?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  await options.afterListen?.(app);
  return app;
}

/** Ends the process on a start-up failure, with the error on stderr. */
export function exitOnFailure(error: unknown): never {
  console.error(error);
  process.exit(1);
}
