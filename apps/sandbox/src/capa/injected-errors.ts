// Capa's documented errors that no request of the partner's can cause by itself (the partner's flow, user
// ownership, KYC templates): the control API switches them on so a client's handling of each can be tested.
//
//   INVALID_PARTNER_FLOW         403 INVALID_PARTNER_FLOW "The partner has an invalid flow."   (every partner route)
//   PARTNER_INFORMATION_REQUIRED 401 UNAUTHORIZED "Partner information is required for this operation"
//   USER_NOT_ASSOCIATED          401 UNAUTHORIZED "User is not associated with the partner"
//                                (both: routes that name a user, in the path, the query or the body)
//   KYC_TEMPLATE_NOT_CONFIGURED  400 KYC_TEMPLATE_NOT_CONFIGURED_ERROR (routes that start a KYC session)
//
// A rule may be limited to one user (userId) or country, and to a number of answers (times), after which it
// ends by itself.

import { randomUUID } from 'node:crypto';
import { CapaError } from './errors';

export const injectableErrors = [
  'INVALID_PARTNER_FLOW',
  'PARTNER_INFORMATION_REQUIRED',
  'USER_NOT_ASSOCIATED',
  'KYC_TEMPLATE_NOT_CONFIGURED',
] as const;

export type InjectableError = (typeof injectableErrors)[number];

export interface InjectedErrorRequest {
  error: InjectableError;
  userId?: string;
  country?: string;
  times?: number;
}

export interface InjectedErrorRule extends InjectedErrorRequest {
  id: string;
  /** Answers given so far. */
  answered: number;
  createdAt: string;
}

export const injectedErrorBody = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: { type: 'string', enum: injectableErrors },
    userId: { type: 'string', minLength: 1, maxLength: 255 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    times: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;

function errorFor(rule: InjectedErrorRule, country: string | undefined): CapaError {
  switch (rule.error) {
    case 'INVALID_PARTNER_FLOW':
      return new CapaError(403, 'INVALID_PARTNER_FLOW', 'The partner has an invalid flow.');
    case 'PARTNER_INFORMATION_REQUIRED':
      return new CapaError(401, 'UNAUTHORIZED', 'Partner information is required for this operation');
    case 'USER_NOT_ASSOCIATED':
      return new CapaError(401, 'UNAUTHORIZED', 'User is not associated with the partner');
    case 'KYC_TEMPLATE_NOT_CONFIGURED':
      return new CapaError(
        400,
        'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
        `KYC template not configured for country ${country ?? rule.country ?? 'unknown'}`,
      );
  }
}

/** Where in a request its checks run: before the body is validated, or once a KYC session is about to start. */
export type ErrorStage = 'request' | 'kyc-session';

const stageOf: Record<InjectableError, ErrorStage> = {
  INVALID_PARTNER_FLOW: 'request',
  PARTNER_INFORMATION_REQUIRED: 'request',
  USER_NOT_ASSOCIATED: 'request',
  KYC_TEMPLATE_NOT_CONFIGURED: 'kyc-session',
};

export class InjectedErrors {
  private readonly rules = new Map<string, InjectedErrorRule>();

  constructor(private readonly now: () => Date) {}

  add(request: InjectedErrorRequest): InjectedErrorRule {
    const rule: InjectedErrorRule = {
      ...request,
      id: randomUUID(),
      answered: 0,
      createdAt: this.now().toISOString(),
    };
    this.rules.set(rule.id, rule);
    return rule;
  }

  list(): InjectedErrorRule[] {
    return [...this.rules.values()];
  }

  remove(id: string): boolean {
    return this.rules.delete(id);
  }

  clear(): number {
    const count = this.rules.size;
    this.rules.clear();
    return count;
  }

  /**
   * Throws the first rule's error that applies to a request at this stage. `userId` is the user the request
   * names (undefined when it names none); `country` the country a KYC session is asked for.
   */
  check(stage: ErrorStage, target: { userId?: string | undefined; country?: string | undefined }): void {
    for (const rule of this.rules.values()) {
      if (stageOf[rule.error] !== stage || !this.applies(rule, target)) continue;
      rule.answered += 1;
      if (rule.times !== undefined && rule.answered >= rule.times) this.rules.delete(rule.id);
      throw errorFor(rule, target.country);
    }
  }

  private applies(
    rule: InjectedErrorRule,
    target: { userId?: string | undefined; country?: string | undefined },
  ) {
    const namesUser = target.userId !== undefined;
    // The ownership errors concern a user: a route that names none (create user, webhook settings) is spared.
    if ((rule.error === 'PARTNER_INFORMATION_REQUIRED' || rule.error === 'USER_NOT_ASSOCIATED') && !namesUser)
      return false;
    if (rule.userId !== undefined && rule.userId !== target.userId) return false;
    if (rule.country !== undefined && rule.country !== target.country) return false;
    return true;
  }
}
