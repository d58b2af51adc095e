import { createScryptPasswordHasher } from '../../src/adapters/identity/createScryptPasswordHasher';
import { configSchema } from '../../src/config';
import { createTestPool } from '../support/postgres';
import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, low: passwords were hashed with scrypt N = 2^15, below OWASP's 2^17 (r = 8, p = 1), and
// hashes made with a lower cost stayed that weak for ever. The default is now 2^17, and a login that
// proves the password rehashes it at the configured cost (tests keep a cheap cost via config).
const admin = createTestPool(2);
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('api', { PASSWORD_SCRYPT_COST: '8192' });
});
afterAll(async () => {
  await platform?.stop();
  await admin.end();
});

const storedHash = async (userId: string) => (await admin.query<{ password_hash: string }>(
  `SELECT password_hash FROM "${platform.config.IDENTITY_SCHEMA}".accounts WHERE user_id = $1`, [userId])).rows[0]!.password_hash;

test('the default scrypt cost is OWASP\'s N = 2^17', () => {
  expect(configSchema.parse({}).PASSWORD_SCRYPT_COST).toBe(2 ** 17);
});

test('a login rehashes a password stored with a lower cost, and the password still works', async () => {
  const user = await signUp(platform.url);
  const weak = await createScryptPasswordHasher(1024).hash(user.password);
  await admin.query(`UPDATE "${platform.config.IDENTITY_SCHEMA}".accounts SET password_hash = $2 WHERE user_id = $1`, [user.userId, weak]);

  const login = () => fetch(`${platform.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) });
  expect((await login()).status).toBe(200);
  const rehashed = await storedHash(user.userId);
  expect(rehashed).toMatch(/^scrypt\$8192\$8\$1\$/);
  expect(rehashed).not.toBe(weak);
  expect((await login()).status).toBe(200);
  expect(await storedHash(user.userId)).toBe(rehashed);
});
