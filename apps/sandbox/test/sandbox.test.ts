import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { type RunningSandbox, sandboxDefaults, startSandbox } from '../src/index';

describe('startSandbox', () => {
  it('serves both providers on free ports with the default credentials, and closes both', async () => {
    const sandbox: RunningSandbox = await startSandbox({
      capaPort: 0,
      connectfiPort: 0,
      size: 80,
      controlApi: true,
    });
    try {
      expect(sandbox.capaUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.connectfiUrl).not.toBe(sandbox.capaUrl);
      expect(sandbox.population.capa.length + sandbox.population.connectfi.length).toBe(80);

      const userId = sandbox.population.capa.find((u) => u.kycDetails)?.userId;
      const kyc = await request(`${sandbox.capaUrl}/api/partner/v2/kyc/details?userId=${userId}`, {
        headers: { 'partner-api-key': sandboxDefaults.capaPartnerApiKey },
      });
      expect(kyc.statusCode).toBe(200);
      await kyc.body.dump();

      const token = await request(`${sandbox.connectfiUrl}/auth/get-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          user: { login: sandboxDefaults.connectfiLogin, password: sandboxDefaults.connectfiPassword },
        }),
      });
      expect(token.statusCode).toBe(200);
      expect(await token.body.json()).toMatchObject({ code: '0', data: { token: expect.any(String) } });
    } finally {
      await sandbox.close();
    }
    // A fresh connection pool, so the check cannot reuse a kept-alive socket from before the close.
    const fresh = new Agent();
    const refused = { code: 'ECONNREFUSED' };
    await expect(request(`${sandbox.capaUrl}/_sandbox/faults`, { dispatcher: fresh })).rejects.toMatchObject(
      refused,
    );
    await expect(
      request(`${sandbox.connectfiUrl}/auth/get-token`, { dispatcher: fresh }),
    ).rejects.toMatchObject(refused);
    await fresh.close();
  });
});
