import type { Ajv } from 'ajv';
import type { FastifyPluginAsync } from 'fastify';
import { businessFromInit, customerView, individualFromInit, kycStatusOf } from '../customers';
import { customerNotFound, ok } from '../envelope';
import type { ConnectfiIds } from '../ids';
import {
  type BusinessInitBody,
  businessInitSchema,
  customerTypeSchema,
  type IndividualInitBody,
  individualInitSchema,
} from '../schemas';
import type { ConnectfiStore } from '../store';
import { assertValid } from '../validation';

export interface CustomerRoutesOptions {
  ajv: Ajv;
  ids: ConnectfiIds;
  store: ConnectfiStore;
}

/**
 * POST /customer/init and GET /customer/status/:customerId. The body is checked in two steps, the type first and then that type's fields, so each
 * error's schemaPath reads from the chosen layout's root ("#/required"), as connectFi's own errors do.
 */
export const customerRoutes: FastifyPluginAsync<CustomerRoutesOptions> = async (app, { ajv, ids, store }) => {
  const validateIndividual = ajv.compile(individualInitSchema);
  const validateBusiness = ajv.compile(businessInitSchema);

  function parseCustomer(body: { type: 'individual' | 'business' }) {
    if (body.type === 'individual') {
      assertValid<IndividualInitBody>(validateIndividual, body);
      return individualFromInit(body, ids);
    }
    assertValid<BusinessInitBody>(validateBusiness, body);
    return businessFromInit(body, ids);
  }

  app.post<{ Body: { type: 'individual' | 'business' } }>(
    '/customer/init',
    { schema: { body: customerTypeSchema } },
    async (request) => {
      const customer = parseCustomer(request.body);
      store.customers.set(customer.customerId, customer);
      return ok(request.id, customerView(customer));
    },
  );

  /** The customer's kycStatus, from its Akepa journey as the page's cross-reference table maps it. */
  app.get<{ Params: { customerId: string } }>('/customer/status/:customerId', async (request) => {
    const { customerId } = request.params;
    if (!store.customers.has(customerId)) throw customerNotFound(customerId);
    return ok(request.id, { customerId, kycStatus: kycStatusOf(store.journeys.get(customerId)) });
  });
};
