import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when the Authorization header is exactly `Bearer <token>` (compared in constant time). */
export function bearerMatches(token: string, header: string | undefined): boolean {
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(token), digest(header.slice('Bearer '.length)));
}

export interface Exposition {
  contentType: string;
  render(): Promise<string>;
}

/**
 * The metrics listener of its own (METRICS_PORT): GET /metrics and nothing else, so a scraper on the
 * internal network never reaches the application's routes, and the application's port never shows metrics.
 */
export async function startMetricsListener(
  exposition: Exposition,
  options: { host: string; port: number; token: string | null; onError: (error: unknown) => void },
): Promise<{ server: Server; address: AddressInfo }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    if (options.token !== null && !bearerMatches(options.token, request.headers.authorization)) {
      response
        .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' })
        .end('Unauthorized\n');
      return;
    }
    exposition.render().then(
      (body) => response.writeHead(200, { 'content-type': exposition.contentType }).end(body),
      (error: unknown) => {
        options.onError(error);
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, address: server.address() as AddressInfo };
}
