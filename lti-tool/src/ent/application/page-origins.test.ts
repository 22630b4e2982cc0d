import { describe, expect, it } from 'vitest';
import { ConnectorOrigins } from './page-origins.js';

describe('ConnectorOrigins', () => {
  it('answers from one load until it is older than maxAge, then reloads', async () => {
    let now = 0;
    let loads = 0;
    let list = ['https://a.example.org'];
    const origins = new ConnectorOrigins(async () => (loads++, list), 30_000, () => now);
    expect(await origins.allows('https://a.example.org')).toBe(true);
    expect(await origins.allows('https://b.example.org')).toBe(false);
    expect(loads).toBe(1);
    list = ['https://b.example.org'];
    now = 29_999;
    expect(await origins.allows('https://b.example.org')).toBe(false);
    now = 30_000;
    expect(await origins.allows('https://b.example.org')).toBe(true);
    expect(loads).toBe(2);
  });

  it('shares one load between concurrent requests', async () => {
    let loads = 0;
    const origins = new ConnectorOrigins(async () => (loads++, ['https://a.example.org']));
    expect(await Promise.all([1, 2, 3].map(() => origins.allows('https://a.example.org')))).toEqual([true, true, true]);
    expect(loads).toBe(1);
  });

  it('does not let a load that started before a change hide that change', async () => {
    let release!: (list: string[]) => void;
    const pending: Array<Promise<string[]>> = [new Promise((resolve) => (release = resolve))];
    const origins = new ConnectorOrigins(() => pending.shift() ?? Promise.resolve(['https://new.example.org']));
    const stale = origins.allows('https://new.example.org');
    origins.invalidate();
    release(['https://old.example.org']);
    expect(await stale).toBe(false);
    expect(await origins.allows('https://new.example.org')).toBe(true);
  });

  it('lets a failed load fail the request and tries again on the next one', async () => {
    let fail = true;
    const origins = new ConnectorOrigins(async () => {
      if (fail) throw new Error('database down');
      return ['https://a.example.org'];
    });
    await expect(origins.allows('https://a.example.org')).rejects.toThrow('database down');
    fail = false;
    expect(await origins.allows('https://a.example.org')).toBe(true);
  });
});
