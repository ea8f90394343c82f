import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { expect } from 'vitest';
import { UpstreamError } from '../../src/upstream/errors';

export interface SeenRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request; leaving `res` untouched makes the server never answer. */
export type Script = (request: SeenRequest, res: ServerResponse) => void;

export interface ScriptedServer {
  origin: string;
  requests: SeenRequest[];
  /** Requests whose path starts with `prefix`. */
  count(prefix?: string): number;
  /** Replaces the script for the requests still to come. */
  setScript(script: Script): void;
  /** Resolves once the server has no open connection left, or rejects after `withinMs`. */
  waitForNoOpenSockets(withinMs: number): Promise<void>;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An HTTP server on 127.0.0.1 with a random port whose every answer the test decides. */
export async function startScriptedServer(initial: Script): Promise<ScriptedServer> {
  let script = initial;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      script(seen, res);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    count: (prefix = '') => requests.filter((r) => r.url.startsWith(prefix)).length,
    setScript: (next) => {
      script = next;
    },
    waitForNoOpenSockets: async (withinMs) => {
      const until = Date.now() + withinMs;
      while (sockets.size > 0) {
        if (Date.now() > until) throw new Error(`${sockets.size} connection(s) still open`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Awaits a call expected to fail and returns its UpstreamError. */
export async function upstreamFailure(call: Promise<unknown>): Promise<UpstreamError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

/** Asserts none of `secrets` shows up anywhere a log line or an API answer could carry it. */
export function expectNoSecrets(error: UpstreamError, secrets: readonly string[]): void {
  const exposed = [
    error.message,
    error.stack ?? '',
    error.upstreamMessage ?? '',
    error.upstreamCode ?? '',
  ].join('\n');
  for (const secret of secrets) expect(exposed).not.toContain(secret);
}
