// The provider sandbox: a seeded population served by a Capa partner API v2 simulator and a connectFi Akepa
// simulator, each on its own port. Tests and the embedded default start it in-process with startSandbox().

import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type CapaServer, type CapaServerDeps, createCapaServer } from './capa/server';
import { type SandboxOptions, sandboxDefaults } from './config';
import { type ConnectfiServer, type ConnectfiServerDeps, createConnectfiServer } from './connectfi/server';
import { generatePopulation } from './population/index';
import type { Population } from './population/types';

export type { CapaServer, CapaServerDeps } from './capa/server';
export type { CapaWebhookEvent, WebhookNotification } from './capa/webhooks';
export { signWebhookBody } from './capa/webhooks';
export type { FaultSettings, SandboxOptions } from './config';
export { noFaults, optionsFromEnv, sandboxDefaults } from './config';
export type * from './connectfi/model';
export type { ConnectfiServer, ConnectfiServerDeps } from './connectfi/server';
export type { ControlRoutesOptions } from './control';
export { registerControlRoutes } from './control';
export type { DirectoryEntry } from './directory';
export { FaultControl } from './faults';
export type { MediaKind } from './media/links';
export type { PopulationSubject } from './population/index';
export { fixedScenarioCount, generatePopulation, subjectAt } from './population/index';
export type * from './population/types';
export type { ScenarioEntry } from './scenarios';
export { scenarioIndex, withTags } from './scenarios';
export { createCapaServer, createConnectfiServer };

export interface RunningSandbox {
  options: SandboxOptions;
  population: Population;
  capaUrl: string;
  connectfiUrl: string;
  capa: CapaServer;
  connectfi: ConnectfiServer;
  close(): Promise<void>;
}

export interface SandboxDeps {
  capa?: CapaServerDeps;
  connectfi?: ConnectfiServerDeps;
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const { port: actual } = app.server.address() as AddressInfo;
  // A wildcard bind is reached through loopback; an IPv6 literal needs brackets in a URL.
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${urlHost}:${actual}`;
}

/** Generates the population and starts both servers (port 0: a free port, read back into the URLs). */
export async function startSandbox(
  overrides: Partial<SandboxOptions> = {},
  deps: SandboxDeps = {},
): Promise<RunningSandbox> {
  const options: SandboxOptions = { ...sandboxDefaults, ...overrides };
  const population = generatePopulation({
    seed: options.seed,
    size: options.size,
    epoch: options.populationEpoch,
  });
  const capa = createCapaServer(options, population, deps.capa);
  const connectfi = await createConnectfiServer(options, population.connectfi, deps.connectfi);
  const close = async () => {
    await Promise.allSettled([capa.app.close(), connectfi.app.close()]);
  };
  try {
    const capaUrl = await listen(capa.app, options.host, options.capaPort);
    const connectfiUrl = await listen(connectfi.app, options.host, options.connectfiPort);
    return { options, population, capaUrl, connectfiUrl, capa, connectfi, close };
  } catch (error) {
    await close();
    throw error;
  }
}
