import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyLoggerOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loggerOptions } from '../../src/logging';
import { testConfig } from '../auth/app';
import { engines } from '../helpers/db';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');
afterAll(() => engine.dispose());

interface LogLine {
  level: number;
  msg: string;
  req?: { path: string };
}

/** A desk whose log lines are collected, parsed, into `lines`. */
const loggingDesk = async (requestLogLevel?: 'info' | 'debug') => {
  const lines: LogLine[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const app = await buildApp(await testConfig(engine, { logLevel: 'info' }), {
    logStream,
    ...(requestLogLevel ? { requestLogLevel } : {}),
  });
  /** The lines logged while serving a health check, an unknown API path and a request to sign in first. */
  const logsOfRequests = async () => {
    lines.length = 0;
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/no-such-thing?name=Jane' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/cases' })).statusCode).toBe(401);
    return [...lines];
  };
  return { app, logsOfRequests };
};

const perRequest = (lines: LogLine[]) =>
  lines.filter((line) => ['incoming request', 'request completed', 'request refused'].includes(line.msg));

describe('request log lines', () => {
  it('are at info by default, as a log collector expects them', async () => {
    const desk = await loggingDesk();
    try {
      const lines = perRequest(await desk.logsOfRequests());
      expect(lines).toHaveLength(7);
      expect(new Set(lines.map((line) => line.level))).toEqual(new Set([30]));
    } finally {
      await desk.app.close();
    }
  }, 60_000);

  it('stay out of an info-level terminal when kept at debug, and come back at LOG_LEVEL=debug', async () => {
    const desk = await loggingDesk('debug');
    try {
      expect(perRequest(await desk.logsOfRequests())).toEqual([]);
      // What LOG_LEVEL=debug sets at start-up.
      desk.app.log.level = 'debug';
      const debug = perRequest(await desk.logsOfRequests());
      expect(debug).toHaveLength(7);
      expect(new Set(debug.map((line) => line.level))).toEqual(new Set([20]));
      // Same shape as Fastify's own lines: the path without its query.
      expect(debug.map((line) => line.req?.path).filter(Boolean)).toEqual([
        '/healthz',
        '/api/no-such-thing',
        '/api/cases',
      ]);
    } finally {
      await desk.app.close();
    }
  }, 60_000);
});

it('formats lines for a person through pino-pretty, off the request path, still redacting secrets', async () => {
  const options = loggerOptions('info', { pretty: true }) as FastifyLoggerOptions & {
    transport: { target: string; options: Record<string, unknown> };
  };
  expect(options.transport.target).toMatch(/pino-pretty/);
  const dir = mkdtempSync(path.join(tmpdir(), 'review-desk-pretty-'));
  const file = path.join(dir, 'terminal.log');
  // The same logger settings, with the transport writing to a file instead of the terminal.
  const app = Fastify({
    logger: {
      ...options,
      transport: {
        ...options.transport,
        options: { ...options.transport.options, destination: file, colorize: false },
      },
    },
  });
  try {
    app.log.info({ password: 'hunter2-secret' }, 'desk started');
    app.log.warn('provider slow');
    const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
    await expect.poll(read, { timeout: 10_000 }).toMatch(/WARN: provider slow/);
    const text = read();
    expect(text).toMatch(/INFO: desk started/);
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('hunter2-secret');
    expect(text).not.toContain('"level"');
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
