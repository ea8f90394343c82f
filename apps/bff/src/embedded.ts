import { startSandbox } from '@review-desk/sandbox';
import type { App } from './app';
import type { AppConfig } from './config';

const demoUsers = ['analyst', 'senior', 'support', 'admin'];

/**
 * The embedded default: the sandbox's Capa and connectFi servers in this process, pointed back at this BFF's
 * webhook receivers, so `pnpm start` gives a working desk with no provider accounts.
 */
export async function startEmbeddedUpstreams(config: AppConfig) {
  const sandbox = await startSandbox({
    capaPort: Number(new URL(config.capa.baseUrl).port),
    connectfiPort: Number(new URL(config.connectfi.baseUrl).port),
    controlApi: true,
    connectfiDefaultWebhookUrl: `${config.publicUrl}/webhooks/connectfi/${config.connectfi.webhookSecret}`,
  });

  return {
    sandbox,
    async afterListen(app: App) {
      const lines = [
        '',
        `Review Desk is running at ${config.publicUrl}`,
        `  sandbox Capa at ${sandbox.capaUrl}, connectFi at ${sandbox.connectfiUrl}`,
        `  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}`,
        '  demo users (username / password):',
        ...demoUsers.map((name) => `    ${name.padEnd(8)} / ${name}-demo`),
        '',
      ];
      app.log.info('embedded default started');
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    close: () => sandbox.close(),
  };
}
