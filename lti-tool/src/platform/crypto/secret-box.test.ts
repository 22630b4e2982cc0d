import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

const KEY = 'an-encryption-key-of-at-least-32-chars';

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const box = new SecretBox(KEY, 'signing-keys');
    const sealed = box.seal('-----BEGIN PRIVATE KEY----- abc');
    expect(sealed).not.toContain('PRIVATE');
    expect(box.open(sealed)).toBe('-----BEGIN PRIVATE KEY----- abc');
  });

  it('uses a fresh IV each time', () => {
    const box = new SecretBox(KEY, 'x');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a ciphertext sealed for another purpose or under another key', () => {
    const sealed = new SecretBox(KEY, 'signing-keys').seal('secret');
    expect(() => new SecretBox(KEY, 'registry-credentials').open(sealed)).toThrow();
    expect(() => new SecretBox(`${KEY}-other`, 'signing-keys').open(sealed)).toThrow();
  });

  it('detects tampering', () => {
    const box = new SecretBox(KEY, 'x');
    const [v, iv, tag, data] = box.seal('secret').split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => box.open('garbage')).toThrow('not a sealed secret');
  });
});
