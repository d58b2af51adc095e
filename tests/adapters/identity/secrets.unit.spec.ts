import { randomBytes } from 'node:crypto';
import { checkPasswordStrength } from '../../../src/adapters/identity/checkPasswordStrength';
import { createScryptPasswordHasher } from '../../../src/adapters/identity/createScryptPasswordHasher';
import { decryptSecret, encryptSecret } from '../../../src/adapters/identity/encryptSecret';
import { generateToken, hashToken, tokenKind } from '../../../src/commands/identity/secretTokens';

describe('password strength', () => {
  it('wants a minimum length and refuses common passwords whatever their case', () => {
    expect(checkPasswordStrength('short')).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 10/) });
    expect(checkPasswordStrength('Password123')).toMatchObject({ ok: false, reason: expect.stringMatching(/most common/) });
    expect(checkPasswordStrength('1234567890')).toMatchObject({ ok: false });
    expect(checkPasswordStrength('zzzzzzzzzzzz')).toMatchObject({ ok: false });
    expect(checkPasswordStrength('tendai-moyo-2024', undefined, { email: 'tendai@example.com' })).toMatchObject({ ok: false, reason: expect.stringMatching(/email/) });
    expect(checkPasswordStrength('Nyanga-Mountains-Rain')).toEqual({ ok: true });
  });
});

describe('scrypt hashing', () => {
  const hasher = createScryptPasswordHasher(1024);
  it('verifies the right password only, with a salt per hash and the parameters stored', async () => {
    const hash = await hasher.hash('Chimanimani-Trail');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain('Chimanimani');
    expect(await hasher.hash('Chimanimani-Trail')).not.toBe(hash);
    expect(await hasher.verify('Chimanimani-Trail', hash)).toBe(true);
    expect(await hasher.verify('chimanimani-trail', hash)).toBe(false);
    expect(await hasher.verify('x', 'garbage')).toBe(false);
    expect(await hasher.verifyDummy('anything')).toBe(false);
  });
});

describe('tokens and sealed secrets', () => {
  it('makes prefixed random tokens and stores only their hash', () => {
    const token = generateToken('session');
    expect(tokenKind(token)).toBe('session');
    expect(tokenKind(generateToken('apiKey'))).toBe('apiKey');
    expect(tokenKind('bogus')).toBeNull();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(generateToken('session')).not.toBe(token);
  });

  it('seals with AES-256-GCM bound to its reference', () => {
    const key = randomBytes(32);
    const sealed = encryptSecret(key, 'rst_secret', 'ref-1');
    expect(sealed.toString('utf8')).not.toContain('rst_secret');
    expect(decryptSecret(key, sealed, 'ref-1')).toBe('rst_secret');
    expect(() => decryptSecret(key, sealed, 'ref-2')).toThrow();
    expect(() => decryptSecret(randomBytes(32), sealed, 'ref-1')).toThrow();
  });
});
