import { type Static, Type } from '@sinclair/typebox';

/** The one error envelope of every 4xx and 5xx the BFF sends. */
export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description: 'Stable machine-readable code, e.g. "not_found", "upstream_timeout".',
      }),
      message: Type.String({ description: 'What went wrong, for a person.' }),
      requestId: Type.String({ description: 'Quote this to support; it is in the server logs.' }),
      details: Type.Optional(
        Type.Unknown({
          description: 'Structured context: validation issues, upstream code, current case state.',
        }),
      ),
    }),
  },
  { $id: 'ErrorEnvelope', description: 'Error response' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;
