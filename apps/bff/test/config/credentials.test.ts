import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, mediaHostsOf } from '../../src/config';

/** A deployment against real providers, with credentials as the providers issue them. */
const upstream = {
  CAPA_BASE_URL: 'https://production-api.capa.fi',
  CAPA_PARTNER_API_KEY: 'k1',
  CAPA_WEBHOOK_SECRET: 's',
  CONNECTFI_BASE_URL: 'https://api.connectfi.example',
  CONNECTFI_LOGIN: 'desk',
  CONNECTFI_PASSWORD: 'p',
  CONNECTFI_WEBHOOK_SECRET: 'an-unguessable-url-secret-of-24+',
  JWT_SECRET: 'a-jwt-secret-of-at-least-32-characters',
  WEB_DIST_DIR: '',
};

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return null;
};

describe('credentials in the configuration', () => {
  it('accepts provider credentials of any length: the providers document no format', () => {
    const config = loadConfig(upstream);
    expect(config.mode).toBe('upstream');
    expect(config.capa.partnerApiKey).toBe('k1');
    expect(config.capa.webhookSecret).toBe('s');
    expect(config.connectfi.password).toBe('p');
  });

  it('refuses an empty credential or one with whitespace, naming the variable', () => {
    for (const name of [
      'CAPA_PARTNER_API_KEY',
      'CAPA_WEBHOOK_SECRET',
      'CONNECTFI_LOGIN',
      'CONNECTFI_PASSWORD',
    ]) {
      expect(refusal({ ...upstream, [name]: '' }), name).toContain(name);
      expect(refusal({ ...upstream, [name]: 'key\n' }), name).toMatch(new RegExp(`${name}.*whitespace`));
      expect(refusal({ ...upstream, [name]: 'a key' }), name).toMatch(/whitespace/);
    }
  });

  it('keeps the length rules of secrets the desk chooses itself', () => {
    expect(refusal({ ...upstream, JWT_SECRET: 'short' })).toMatch(/JWT_SECRET.*32/);
    expect(refusal({ ...upstream, CONNECTFI_WEBHOOK_SECRET: 'short' })).toMatch(
      /CONNECTFI_WEBHOOK_SECRET.*24/,
    );
  });
});

describe('media hosts in the configuration', () => {
  it("fetches media from Capa's host by default: the sandbox's when embedded, Capa's and its CDN otherwise", () => {
    expect(mediaHostsOf(loadConfig({ SANDBOX_CAPA_PORT: '7301', WEB_DIST_DIR: '' }))).toEqual([
      '127.0.0.1:7301',
    ]);
    expect(mediaHostsOf(loadConfig(upstream))).toEqual(['production-api.capa.fi', 'cdn.capa.fi']);
  });

  it('takes a comma-separated list of hosts, host:port and *.domain, and refuses anything else', () => {
    const config = loadConfig({ ...upstream, MEDIA_HOSTS: 'cdn.capa.fi, *.s3.amazonaws.com,10.0.0.5:8080' });
    expect(mediaHostsOf(config)).toEqual(['cdn.capa.fi', '*.s3.amazonaws.com', '10.0.0.5:8080']);
    for (const bad of ['https://cdn.capa.fi', 'cdn.capa.fi/path', 'a b', 'cdn.capa.fi,,x']) {
      expect(refusal({ ...upstream, MEDIA_HOSTS: bad }), bad).toContain('MEDIA_HOSTS');
    }
  });
});
