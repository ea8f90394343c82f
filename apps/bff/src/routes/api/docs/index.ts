import type { FastifyInstance } from 'fastify';
import { allRoles } from '../../../plugins/app/access';

/** The OpenAPI document, for any signed-in user (it describes routes, not data). */
export default async function docsRoutes(app: FastifyInstance) {
  app.get('/json', { config: { access: { roles: allRoles } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
