// Capa's errors. The documentation gives status, code and message for each error but not the JSON layout, so
// the sandbox uses one plausible layout everywhere: {"statusCode": 404, "code": "NOT_FOUND_ERROR", "message": "…"}.

export interface CapaErrorBody {
  statusCode: number;
  code: string;
  message: string;
}

export class CapaError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get body(): CapaErrorBody {
    return { statusCode: this.statusCode, code: this.code, message: this.message };
  }
}

export const capaErrors = {
  apiKeyMissing: () => new CapaError(401, 'UNAUTHORIZED', 'API Key is missing'),
  apiKeyFormat: () => new CapaError(401, 'UNAUTHORIZED', 'Invalid API Key format'),
  apiKeyInvalid: () => new CapaError(401, 'UNAUTHORIZED', 'Invalid API Key'),
  invalidInput: (message = 'Invalid User Input') => new CapaError(400, 'INVALID_USER_INPUT_ERROR', message),
  userNotFound: () => new CapaError(404, 'NOT_FOUND_ERROR', 'Requested User was not found'),
  kycNotCompleted: () =>
    new CapaError(
      404,
      'NOT_FOUND_ERROR',
      'Requested Verification was not found: the user has not completed a KYC session',
    ),
  kybNotFound: () =>
    new CapaError(404, 'NOT_FOUND_ERROR', 'Requested KYB Verification was not found for the user'),
  notificationNotFound: () => new CapaError(404, 'NOT_FOUND_ERROR', 'Requested Notification was not found'),
  kycForBusiness: () =>
    new CapaError(
      400,
      'INVALID_VERIFICATION_TYPE_FOR_USER',
      'BUSINESS users can only request KYB verification',
    ),
  kybForIndividual: () =>
    new CapaError(
      400,
      'INVALID_VERIFICATION_TYPE_FOR_USER',
      'INDIVIDUAL users can only request KYC verification',
    ),
  payloadTooLarge: () => new CapaError(413, 'PAYLOAD_TOO_LARGE', 'Request entity too large'),
  internal: () => new CapaError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'),
};
