import type { App } from '@review-desk/bff';
import type { AppConfig } from '@review-desk/bff/config';
import type { DirectoryEntryInput } from '@review-desk/contracts';
import { type DirectoryEntry, startSandbox } from '@review-desk/sandbox';
import { request } from 'undici';

const demoUsers = ['analyst', 'senior', 'support', 'admin'];

export const directoryEntryInput = (entry: DirectoryEntry): DirectoryEntryInput => ({
  provider: entry.provider,
  externalUserId: entry.externalUserId,
  subjectId: entry.provider === 'capa' ? entry.userId : entry.customerId,
  displayName: entry.displayName,
  birthDate: entry.birthDate,
  idNumber: entry.idNumber,
  email: entry.email,
  ...(entry.provider === 'connectfi' && entry.representatives
    ? {
        representatives: entry.representatives.map((rep) => ({
          entityId: rep.entityId,
          displayName: rep.displayName,
          birthDate: rep.birthDate,
          idNumber: rep.idNumber,
        })),
      }
    : {}),
});

async function sandboxCall<T>(url: string, method: 'GET' | 'POST', body?: object): Promise<T> {
  const response = await request(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.statusCode >= 300) {
    await response.body.dump();
    throw new Error(`sandbox ${method} ${new URL(url).pathname} answered ${response.statusCode}`);
  }
  return (await response.body.json()) as T;
}

export interface SeedResult {
  skipped: boolean;
  directoryEntries: number;
  capaDelivered: number;
  connectfiDelivered: number;
  /** Capa businesses in KYB review found by reading them (Capa sends no KYB webhook). */
  kybOpened: number;
}

/**
 * Fills a fresh desk the way production would: the organisation's directory is imported, Capa is told where to
 * send webhooks, and both sandboxes replay their current state through real (signed) deliveries. Only once per
 * database: a desk that already has cases is left alone, so restarts do not replay.
 */
export async function seedFromSandbox(
  app: App,
  urls: { capaUrl: string; connectfiUrl: string },
): Promise<SeedResult> {
  // The sandbox keeps its webhook settings in memory: tell it where to deliver on every start.
  await app.upstreams.capa.setWebhookUrl(`${app.config.publicUrl}/webhooks/capa`);
  const existing = await app.db
    .withTables<{ cases: { id: string } }>()
    .selectFrom('cases')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (existing)
    return { skipped: true, directoryEntries: 0, capaDelivered: 0, connectfiDelivered: 0, kybOpened: 0 };

  const directory = await sandboxCall<{ entries: DirectoryEntry[] }>(
    `${urls.capaUrl}/_sandbox/directory`,
    'GET',
  );
  const directoryEntries = await app.deliveries.directory.upsert(directory.entries.map(directoryEntryInput));
  // Capa sends no KYB webhook: the businesses in KYB review are found by reading them, as an import does.
  const kyb = await app.deliveries.kybSweep.run(
    directory.entries.flatMap((entry) =>
      entry.provider === 'capa' && entry.subjectType === 'business' ? [entry.userId] : [],
    ),
  );

  const capa = await sandboxCall<{ data: { delivered: number } }>(
    `${urls.capaUrl}/_sandbox/capa/replay-webhooks`,
    'POST',
    { filter: 'review_needed' },
  );
  let connectfiDelivered = 0;
  for (const status of ['waiting_review', 'pending_journey_application_review']) {
    const replay = await sandboxCall<{ data: { delivered: number } }>(
      `${urls.connectfiUrl}/_sandbox/connectfi/replay-webhooks`,
      'POST',
      { status, url: `${app.config.publicUrl}/webhooks/connectfi/${app.config.connectfi.webhookSecret}` },
    );
    connectfiDelivered += replay.data.delivered;
  }
  return {
    skipped: false,
    directoryEntries,
    capaDelivered: capa.data.delivered,
    connectfiDelivered,
    kybOpened: kyb.opened,
  };
}

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
      const seeded = await seedFromSandbox(app, sandbox);
      const queue = seeded.skipped
        ? '  review queue: kept from the previous run'
        : `  review queue: ${seeded.capaDelivered} Capa and ${seeded.connectfiDelivered} connectFi webhooks delivered, ${seeded.kybOpened} Capa businesses in KYB review (${seeded.directoryEntries} directory entries imported)`;
      const lines = [
        '',
        `Review Desk is running at ${config.publicUrl}`,
        `  sandbox Capa at ${sandbox.capaUrl}, connectFi at ${sandbox.connectfiUrl}`,
        `  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}`,
        queue,
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
