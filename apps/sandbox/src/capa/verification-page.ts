// Where a kycLink or kybLink leads: Capa's provider-hosted verification page. The sandbox has no camera flow, so
// the page only says how a session is completed here (the control API's complete endpoint).

import type { FastifyInstance } from 'fastify';

export function registerVerificationPage(app: FastifyInstance): void {
  app.get<{ Params: { sessionId: string } }>('/verify/:sessionId', async (request, reply) => {
    const sessionId = request.params.sessionId.replace(/[^A-Za-z0-9_]/g, '');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Capa sandbox verification</title></head>` +
          `<body><h1>Capa sandbox verification</h1><p>Session <code>${sessionId}</code> is waiting for the customer.</p>` +
          '<p>In the sandbox a session is completed with <code>POST /_sandbox/capa/users/{userId}/complete</code>.</p>' +
          '</body></html>',
      );
  });
}
