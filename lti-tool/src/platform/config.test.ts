import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

const KEY = 'k'.repeat(32);

describe('parseConfig', () => {
  it('applies defaults for a minimal environment', () => {
    const result = parseConfig({ ENCRYPTION_KEY: KEY }, '/srv/pix');
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        env: 'development',
        port: 3000,
        publicUrl: 'http://localhost:3000',
        databaseName: 'pix_lti',
        dataDir: '/srv/pix/data',
        mongodbUri: undefined,
        logLevel: 'info',
      }),
    });
  });

  it('names PORT and the fix when it is not a number', () => {
    const result = parseConfig({ ENCRYPTION_KEY: KEY, PORT: 'abc' });
    expect(result).toEqual({ ok: false, errors: ['PORT="abc": must be a whole number between 1 and 65535 (e.g. PORT=3000)'] });
  });

  it('rejects a port out of range', () => {
    const result = parseConfig({ ENCRYPTION_KEY: KEY, PORT: '70000' });
    expect(result.ok).toBe(false);
  });

  it.each(['localhost:27017', 'mongodb://', 'mongodb://host:27017:1/x', 'http://db/x', 'mongodb://ho st/x'])(
    'rejects the malformed MONGODB_URI %s with one line',
    (uri) => {
      const result = parseConfig({ ENCRYPTION_KEY: KEY, MONGODB_URI: uri });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors).toHaveLength(1);
        expect(result.errors[0]).toMatch(/^MONGODB_URI=".*": must be a MongoDB connection string/);
      }
    },
  );

  it.each([
    'mongodb://127.0.0.1:27017/pix',
    'mongodb://user:p%40ss@a.example.org:27017,b.example.org:27017/pix?replicaSet=rs0',
    'mongodb+srv://cluster0.example.net/pix?retryWrites=true',
  ])('accepts %s', (uri) => {
    expect(parseConfig({ ENCRYPTION_KEY: KEY, MONGODB_URI: uri }).ok).toBe(true);
  });

  it('hides the password of a rejected connection string', () => {
    const result = parseConfig({ ENCRYPTION_KEY: KEY, MONGODB_URI: 'mongodb://u:secret@host:99999999/x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).not.toContain('secret');
  });

  it('requires the encryption key and says how to make one', () => {
    const result = parseConfig({});
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^ENCRYPTION_KEY is required: .*openssl rand/)] });
  });

  it('refuses a short encryption key without echoing it', () => {
    const result = parseConfig({ ENCRYPTION_KEY: 'short-secret' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatch(/^ENCRYPTION_KEY="\*\*\*": must be at least 32 characters/);
      expect(result.errors[0]).not.toContain('short-secret');
    }
  });

  it('reports every bad variable, one line each', () => {
    const result = parseConfig({ PORT: 'x', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((l) => l.split(/[ =]/)[0]).sort()).toEqual(['ENCRYPTION_KEY', 'LOG_LEVEL', 'PORT', 'PUBLIC_URL']);
    }
  });

  it('treats empty variables as unset', () => {
    const result = parseConfig({ ENCRYPTION_KEY: KEY, PORT: '', MONGODB_URI: '' });
    expect(result.ok && result.config.port).toBe(3000);
  });

  it('drops a trailing slash from PUBLIC_URL so URLs can be joined', () => {
    const result = parseConfig({ ENCRYPTION_KEY: KEY, PUBLIC_URL: 'https://pix-lti.example.org/' });
    expect(result.ok && result.config.publicUrl).toBe('https://pix-lti.example.org');
  });

  it('reads the LTI issuers to approve at once and defaults the private-platform guard by environment', () => {
    const dev = parseConfig({ ENCRYPTION_KEY: KEY, LTI_AUTO_APPROVE_ISSUERS: 'https://elea.ac-a.fr/, https://elea.ac-b.fr' });
    expect(dev.ok && dev.config.ltiAutoApproveIssuers).toEqual(['https://elea.ac-a.fr', 'https://elea.ac-b.fr']);
    expect(dev.ok && dev.config.ltiAllowPrivatePlatforms).toBe(true);
    const prod = parseConfig({ ENCRYPTION_KEY: KEY, NODE_ENV: 'production' });
    expect(prod.ok && prod.config.ltiAllowPrivatePlatforms).toBe(false);
    const bad = parseConfig({ ENCRYPTION_KEY: KEY, LTI_AUTO_APPROVE_ISSUERS: 'elea' });
    expect(bad).toEqual({ ok: false, errors: [expect.stringMatching(/^LTI_AUTO_APPROVE_ISSUERS="elea": must be a comma-separated list/)] });
  });

  it('takes CORS_ORIGINS as exact origins only', () => {
    const ok = parseConfig({ ENCRYPTION_KEY: KEY, CORS_ORIGINS: 'https://ent.example.org, https://site.example.org:8443' });
    expect(ok.ok && ok.config.corsOrigins).toEqual(['https://ent.example.org', 'https://site.example.org:8443']);
    for (const bad of ['https://ent.example.org/', 'https://ent.example.org/portail', '*', 'ent.example.org']) {
      expect(parseConfig({ ENCRYPTION_KEY: KEY, CORS_ORIGINS: bad })).toEqual({ ok: false, errors: [expect.stringMatching(/^CORS_ORIGINS=.*exact origins/)] });
    }
  });
});
