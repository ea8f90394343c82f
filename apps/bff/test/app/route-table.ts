import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, FastifyPluginAsync, RouteOptions } from 'fastify';
import { type App, type BuildOptions, buildApp } from '../../src/app';
import type { AppConfig } from '../../src/config';
import type { RouteAccess } from '../../src/plugins/app/access';

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** Left out of the OpenAPI document (`schema.hide`). */
  hidden: boolean;
}

export interface BuiltWithRoutes {
  app: App;
  /** Every route the app registered, HEAD twins included, as the onRoute hook saw them. */
  routes: RouteEntry[];
}

interface Interception {
  /** Registered on the app right after the plugin registered with this prefix (so app plugins are loaded). */
  after?: { prefix: string; plugin: FastifyPluginAsync };
}

/**
 * Builds the real app while watching it from the moment Fastify creates it (Fastify announces every new
 * instance on the `fastify.initialization` diagnostics channel), so the route table is read from an onRoute
 * hook rather than a list kept by hand, and a test can slip one extra plugin into the real assembly.
 */
export async function buildAppWatchingRoutes(
  config: AppConfig,
  options: BuildOptions,
  interception: Interception = {},
): Promise<BuiltWithRoutes> {
  const routes: RouteEntry[] = [];
  const channel = diagnostics.channel('fastify.initialization');
  let watched = false;
  const onInit = (message: unknown) => {
    if (watched) return;
    watched = true;
    const fastify = (message as { fastify: FastifyInstance }).fastify;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
        routes.push({ method, url: route.url, access: route.config?.access, hidden });
      }
    });
    const extra = interception.after;
    if (extra) {
      const register = fastify.register.bind(fastify);
      const patched = ((plugin: FastifyPluginAsync, opts?: { prefix?: string }) => {
        const registered = register(plugin, opts ?? {});
        if (opts?.prefix === extra.prefix) register(extra.plugin);
        return registered;
      }) as FastifyInstance['register'];
      fastify.register = patched;
    }
  };
  channel.subscribe(onInit);
  try {
    const app = await buildApp(config, options);
    return { app, routes };
  } finally {
    channel.unsubscribe(onInit);
  }
}
