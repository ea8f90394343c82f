// Shared by the document tests: a connectFi customer made through the sandbox's own API (init, then
// identification with the desk's webhook URL), a case opened for it by hand, and multipart uploads.

import { request } from 'undici';
import type { DeliveryHarness } from '../../../deliveries/harness';

export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
export const jpegBytes = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  Buffer.from('back of the licence'),
]);

async function connectfi<T>(h: DeliveryHarness, path: string, body: unknown, token?: string): Promise<T> {
  const response = await request(`${h.sandbox.connectfiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-connectfi-token': token } : {}) },
    body: JSON.stringify(body),
  });
  const parsed = (await response.body.json()) as { data: T };
  if (response.statusCode !== 200) throw new Error(`${path}: ${JSON.stringify(parsed)}`);
  return parsed.data;
}

const address = {
  type: 'PRIMARY',
  line1: '1 Main St',
  city: 'Austin',
  state: 'TX',
  postalCode: '73301',
  country: 'US',
};
const person = (lastName: string) => ({
  firstName: 'Dana',
  lastName,
  dateOfBirth: '1988-02-03',
  email: 'dana@example.com',
  addresses: [address],
});

/** The partner's side: /customer/init, then /akepa/identification with the desk's webhook URL. */
export async function onboard(
  h: DeliveryHarness,
  kind: 'individual' | 'business',
): Promise<{ customerId: string; entityId: string }> {
  const { token } = await connectfi<{ token: string }>(h, '/auth/get-token', {
    user: { login: 'sandbox-partner', password: 'sandbox-password' },
  });
  const body =
    kind === 'individual'
      ? { type: 'individual', ...person('WaitReview') }
      : {
          type: 'business',
          businessName: 'Dana Freight LLC',
          taxId: '12-3456789',
          email: 'ops@dana.example',
          addresses: [address],
          businessRepresentatives: [{ id: 'RepWaitReview', ...person('WaitReview') }],
        };
  const { customerId } = await connectfi<{ customerId: string }>(h, '/customer/init', body, token);
  const webhookURL = `${h.url}/webhooks/connectfi/${h.app.config.connectfi.webhookSecret}`;
  const journey = await connectfi<{ status: string }>(
    h,
    '/akepa/identification',
    { customerId, webhookURL },
    token,
  );
  if (journey.status !== 'pending_step_up') throw new Error(`journey is ${journey.status}`);
  return { customerId, entityId: kind === 'individual' ? customerId : 'RepWaitReview' };
}

/** Waits until connectFi's callbacks have been answered and the desk has processed every delivery. */
export async function settled(h: DeliveryHarness): Promise<void> {
  await h.sandbox.connectfi.webhooksIdle();
  await h.app.deliveries.worker.idle();
}

export function multipart(
  fields: Record<string, string>,
  file?: { bytes: Buffer; name?: string; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----desk-document-test';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name ?? 'licence.png'}"\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
