import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The OpenAPI 3 document is generated from the route schemas; it is served at GET /api/docs/json. */
export default fp(
  async function openapi(app: FastifyInstance) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Review Desk BFF',
          description: 'The backend-for-frontend of the Review Desk compliance review application.',
          version: '1.0.0',
        },
        components: {
          securitySchemes: {
            sessionCookie: { type: 'apiKey', in: 'cookie', name: 'rd_session' },
            csrfHeader: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          },
        },
      },
      hideUntagged: false,
    });
  },
  { name: 'openapi' },
);
