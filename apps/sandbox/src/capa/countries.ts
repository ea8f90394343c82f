// What the partner routes share: the countries Capa verifies in, and the origin links point back at.

import type { FastifyRequest } from 'fastify';

/** Countries the verification-link endpoints accept (the documentation page's list). */
export const kycCountries = [
  'MX',
  'DO',
  'US',
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
  'CH',
  'GB',
  'MC',
  'SM',
  'AD',
  'VA',
] as const;

/** The origin the client reached this server at: links in payloads point back at it. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
