import { describe, expect, it } from 'vitest';
import { changedFields, summarise } from './audit-entry.js';

describe('audit summaries', () => {
  it('masks secrets at any depth and keeps the rest', () => {
    const summary = summarise({
      name: 'Lycée Hoche',
      passwordHash: '$argon2id$…',
      registry: { clientSecret: 's3cr3t', endpoint: 'https://registry.example', accessToken: 'abc' },
      key: 'k',
      kid: 'pix-2026',
    });
    expect(summary).toEqual({ name: 'Lycée Hoche', passwordHash: '***', registry: { clientSecret: '***', endpoint: 'https://registry.example', accessToken: '***' }, key: '***', kid: 'pix-2026' });
  });

  it('bounds size: long strings, long arrays, deep objects, unsafe keys', () => {
    const s = summarise({ long: 'x'.repeat(1000), list: Array.from({ length: 40 }, (_, i) => i), deep: { a: { b: { c: { d: 1 } } } }, 'a.b': 1, $set: 2 }) as Record<string, unknown>;
    expect((s.long as string).length).toBeLessThan(310);
    expect(s.list).toHaveLength(26);
    expect(s.deep).toEqual({ a: { b: { c: '[…]' } } });
    expect(s).toHaveProperty('a_b', 1);
    expect(s).toHaveProperty('_set', 2);
  });

  it('lists the fields that changed', () => {
    expect(changedFields({ name: 'A', city: 'X', platforms: ['p1'] }, { name: 'B', city: 'X', platforms: ['p1', 'p2'] })).toEqual(['name', 'platforms']);
    expect(changedFields(undefined, { name: 'A' })).toEqual(['name']);
  });
});
