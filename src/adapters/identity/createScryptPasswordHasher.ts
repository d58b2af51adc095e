import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../commands/identity/identityPorts';

const keyLength = 64;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** scrypt (memory-hard) from node:crypto. The cost is stored with each hash, so raising it later
 * only affects new hashes. `cost` = N; with r = 8 each hash needs 128·N·r bytes (32 MiB at 2^15). */
export function createScryptPasswordHasher(cost = 2 ** 15): PasswordHasher {
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
    async verifyDummy(password) {
      dummy ??= hasher.hash(randomBytes(16).toString('hex'));
      await hasher.verify(password, await dummy);
      return false;
    },
  };
  return hasher;
}
