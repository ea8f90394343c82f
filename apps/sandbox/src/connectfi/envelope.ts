// connectFi's two body shapes: success {"code":"0","data","requestId"} and error
// {"requestId","code","subCode"?,"context"?,"message"?}, key order as in connectFi's examples.

export interface ConnectfiErrorBody {
  requestId: string;
  code: string;
  subCode?: number;
  context?: unknown;
  message?: string;
}

/** A documented connectFi error; route handlers throw it and the error handler renders it. */
export class ConnectfiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    /** Some documented errors (requestValidateError) carry no message at all. */
    readonly publicMessage?: string,
    readonly details: { subCode?: number; context?: unknown } = {},
  ) {
    super(publicMessage ?? code);
  }

  body(requestId: string): ConnectfiErrorBody {
    const body: ConnectfiErrorBody = { requestId, code: this.code };
    if (this.details.subCode !== undefined) body.subCode = this.details.subCode;
    if (this.details.context !== undefined) body.context = this.details.context;
    if (this.publicMessage !== undefined) body.message = this.publicMessage;
    return body;
  }
}

export function ok<T>(requestId: string, data: T): { code: '0'; data: T; requestId: string } {
  return { code: '0', data, requestId };
}

export const unauthorized = () => new ConnectfiError(401, 'unauthorized', 'Authentication error');

export const identificationNotFound = (context: Record<string, string>) =>
  new ConnectfiError(400, 'identificationNotFound', 'Identification not found', { context });

export const documentNotFound = (documentId: string) =>
  new ConnectfiError(400, 'documentNotFound', `Document ${documentId} not found`);

/** Not documented by connectFi; its error layout, with the customer in `context`. */
export const customerNotFound = (customerId: string) =>
  new ConnectfiError(400, 'customerNotFound', 'Customer not found', { context: { customerId } });
