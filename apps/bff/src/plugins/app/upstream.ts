import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { mediaHostsOf } from '../../config';
import {
  type CapaClient,
  type ConnectfiClient,
  createCapaClient,
  createConnectfiClient,
  createMediaFetcher,
  type MediaFetcher,
} from '../../upstream';

export interface Upstreams {
  capa: CapaClient;
  connectfi: ConnectfiClient;
  media: MediaFetcher;
}

declare module 'fastify' {
  interface FastifyInstance {
    upstreams: Upstreams;
  }
}

/** One client per provider, created from the validated config; their breaker states feed /readyz. */
export default fp(
  async function upstreams(app: FastifyInstance, opts: { upstreams?: Upstreams | undefined }) {
    const { capa, connectfi } = app.config;
    const clients: Upstreams = opts.upstreams ?? {
      capa: createCapaClient({ baseUrl: capa.baseUrl, partnerApiKey: capa.partnerApiKey }),
      connectfi: createConnectfiClient({
        baseUrl: connectfi.baseUrl,
        login: connectfi.login,
        password: connectfi.password,
      }),
      media: createMediaFetcher({ hosts: mediaHostsOf(app.config) }),
    };
    app.decorate('upstreams', clients);
    app.readinessProbes.push(
      { name: 'capa', check: async () => clients.capa.breakerState() },
      { name: 'connectfi', check: async () => clients.connectfi.breakerState() },
    );
    app.addHook('onClose', async () => {
      await Promise.all([clients.capa.close(), clients.connectfi.close(), clients.media.close()]);
    });
  },
  { name: 'upstreams' },
);
