import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../ports/identityStores';

const keyLength = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** scrypt (memory-hard) from node:crypto, at OWASP's N = 2^17, r = 8, p = 1 by default. The cost is
 * stored with each hash: older, cheaper hashes still verify, and `needsRehash` tells the login to
 * redo them at this cost. Each hash needs 128·N·r bytes (128 MiB at 2^17). */
export function createScryptPasswordHasher(cost = 2 ** 17): PasswordHasher {
  const params = { N: cost, r: 8, p: 1 };
  const maxmem = (n: number, r: number) => 256 * n * r;
  let dummy: Promise<string> | null = null;

  const hasher: PasswordHasher = {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, { ...params, maxmem: maxmem(params.N, params.r) });
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(password, stored) {
      const [scheme, n, r, p, salt, expected] = stored.split('$');
      if (scheme !== 'scrypt' || !n || !r || !p || !salt || !expected) return false;
      const N = Number(n);
      const R = Number(r);
      const key = await derive(password, Buffer.from(salt, 'base64'), { N, r: R, p: Number(p), maxmem: maxmem(N, R) });
      const want = Buffer.from(expected, 'base64');
      return want.length === key.length && timingSafeEqual(want, key);
    },
    needsRehash(stored) {
      const [scheme, n, r, p] = stored.split('$');
      return scheme !== 'scrypt' || Number(n) < params.N || Number(r) !== params.r || Number(p) !== params.p;
    },
    async verifyDummy(password) {
      dummy ??= hasher.hash(randomBytes(16).toString('hex'));
      await hasher.verify(password, await dummy);
      return false;
    },
  };
  return hasher;
}
