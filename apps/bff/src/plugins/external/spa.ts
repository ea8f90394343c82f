import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notFoundEnvelope } from '../app/errors';

/**
 * Serves the built SPA at / with history fallback: any GET that is not an API, webhook or asset path gets
 * index.html, so deep links like /cases/123 load the app. API paths get the JSON 404 envelope instead.
 */
export default fp(
  async function spa(app: FastifyInstance, opts: { distDir: string | null }) {
    const distDir = opts.distDir;
    const hasSpa = distDir !== null && existsSync(path.join(distDir, 'index.html'));
    if (hasSpa) {
      await app.register(fastifyStatic, {
        root: distDir,
        wildcard: false,
        index: false,
        // The build writes .br and .gz beside each asset (apps/web/vite.config.ts): sent to browsers that
        // accept them, with Vary: Accept-Encoding.
        preCompressed: true,
        setHeaders(reply, filePath) {
          // Hashed asset names never change content; index.html must always be re-read.
          reply.header(
            'cache-control',
            filePath.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      // `/metrics` too: where metrics are off or on a port of their own, a scraper pointed here gets a 404,
      // not a page that parses as nothing.
      const apiLike =
        pathname.startsWith('/api') ||
        pathname.startsWith('/webhooks') ||
        pathname.startsWith('/assets/') ||
        pathname === '/metrics';
      if (hasSpa && (request.method === 'GET' || request.method === 'HEAD') && !apiLike) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply.code(404).send(notFoundEnvelope(request));
    });
  },
  { name: 'spa' },
);
