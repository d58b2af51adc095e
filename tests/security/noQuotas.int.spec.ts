import { randomBytes } from 'node:crypto';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, finding 12 (the parts outside instances): nothing limited how often anyone could make the
// platform send mail (registration, password reset, resend-verification, invitations) from one
// address or to one address, how many tenants and API keys one person could create, and unverified
// accounts could provision (decision 022 described the gate but nothing enforced it).
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('all', {
    HTTP_TRUST_PROXY_HOPS: '1', EMAIL_VERIFICATION_RESEND_SECONDS: '0',
    REGISTRATIONS_PER_IP_HOURLY: '3', REGISTRATIONS_PER_ADDRESS_HOURLY: '2',
    PASSWORD_RESETS_PER_IP_HOURLY: '3', PASSWORD_RESETS_PER_ADDRESS_HOURLY: '2',
    VERIFICATION_RESENDS_PER_IP_HOURLY: '3', VERIFICATION_RESENDS_PER_ADDRESS_HOURLY: '2',
    INVITATIONS_PER_IP_HOURLY: '3', INVITATIONS_PER_ADDRESS_HOURLY: '2',
    TENANTS_PER_USER_MAX: '2', API_KEYS_PER_USER_MAX: '2',
  });
});
afterAll(() => platform?.stop());

type Reply = { status: number; headers: Headers; body: Record<string, unknown> };
async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
let ipCounter = 10;
const freshIp = () => ({ 'x-forwarded-for': `198.51.100.${(ipCounter += 1)}` });
const freshEmail = () => `quota.${randomBytes(4).toString('hex')}@example.test`;

/** A signed-in user registered from an address of its own (so the test's own sign-ups do not spend
 * the limits under test), verified through the welcome mail's link unless told otherwise. */
async function user(options: { verified?: boolean } = {}) {
  const ip = freshIp();
  const email = freshEmail();
  const password = `Quota-Test-${randomBytes(6).toString('hex')}`;
  expect((await call('POST', '/auth/register', { email, password }, ip)).status).toBe(202);
  const login = await call('POST', '/auth/login', { email, password }, ip);
  const auth = { authorization: `Bearer ${String(login.body.token)}`, ...ip };
  if (options.verified !== false) {
    const [registered] = await platform.store.readStream(`user-${String(login.body.userId)}`, { maxCount: 1 });
    const token = await platform.mailedToken((registered!.data as { verification: { requestId: string } }).verification.requestId);
    expect((await call('POST', '/api/v1/auth/verify-email', { token }, auth)).status).toBe(200);
  }
  return { userId: String(login.body.userId), email, auth };
}

function expectRateLimited(reply: Reply) {
  expect(reply.status).toBe(429);
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(reply.body.type).toBe('https://errors.platform.local/rate-limited');
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('mail-sending requests are limited per client IP and per target address', () => {
  test('registration', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) expect((await call('POST', '/auth/register', { email: freshEmail(), password: 'Registration-Flood-1' }, ip)).status).toBe(202);
    expectRateLimited(await call('POST', '/auth/register', { email: freshEmail(), password: 'Registration-Flood-1' }, ip));

    const target = freshEmail();
    for (let i = 0; i < 2; i += 1) expect((await call('POST', '/auth/register', { email: target, password: 'Registration-Flood-2' }, freshIp())).status).toBe(202);
    expectRateLimited(await call('POST', '/auth/register', { email: target, password: 'Registration-Flood-2' }, freshIp()));
  });

  test('password reset, for known and unknown addresses alike', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) expect((await call('POST', '/auth/password-reset', { email: freshEmail() }, ip)).status).toBe(202);
    expectRateLimited(await call('POST', '/auth/password-reset', { email: freshEmail() }, ip));

    const { email } = await user();
    for (let i = 0; i < 2; i += 1) expect((await call('POST', '/auth/password-reset', { email }, freshIp())).status).toBe(202);
    expectRateLimited(await call('POST', '/auth/password-reset', { email }, freshIp()));
  });

  test('resend-verification', async () => {
    const unverified = await user({ verified: false });
    for (let i = 0; i < 2; i += 1) expect((await call('POST', '/api/v1/auth/resend-verification', undefined, { ...unverified.auth, ...freshIp() })).status).toBe(202);
    expectRateLimited(await call('POST', '/api/v1/auth/resend-verification', undefined, { ...unverified.auth, ...freshIp() }));

    const ip = freshIp();
    const others = [await user({ verified: false }), await user({ verified: false }), await user({ verified: false }), await user({ verified: false })];
    for (const other of others.slice(0, 3)) expect((await call('POST', '/api/v1/auth/resend-verification', undefined, { ...other.auth, ...ip })).status).toBe(202);
    expectRateLimited(await call('POST', '/api/v1/auth/resend-verification', undefined, { ...others[3]!.auth, ...ip }));
  });

  test('invitations', async () => {
    const owner = await user();
    const tenant = await call('POST', '/api/v1/tenants', { name: 'Invitation Flood' }, owner.auth);
    const invite = (email: string, headers: Record<string, string>) =>
      call('POST', `/api/v1/tenants/${String(tenant.body.tenantId)}/invitations`, { email, role: 'member' }, { ...owner.auth, ...headers });
    const target = freshEmail();
    for (let i = 0; i < 2; i += 1) expect((await invite(target, freshIp())).status).toBe(201);
    expectRateLimited(await invite(target, freshIp()));

    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) expect((await invite(freshEmail(), ip)).status).toBe(201);
    expectRateLimited(await invite(freshEmail(), ip));
  });
});

describe('per-user limits on tenants and API keys', () => {
  test('a third tenant is refused with a clear 403 quota-exceeded', async () => {
    const owner = await user();
    let position = '';
    for (const name of ['Quota One', 'Quota Two']) {
      const created = await call('POST', '/api/v1/tenants', { name }, owner.auth);
      expect(created.status).toBe(201);
      position = String(created.body.position);
    }
    expect((await call('GET', `/api/v1/tenants?minPosition=${position}`, undefined, owner.auth)).status).toBe(200);
    const third = await call('POST', '/api/v1/tenants', { name: 'Quota Three' }, owner.auth);
    expect(third.status).toBe(403);
    expect(third.body).toMatchObject({ type: 'https://errors.platform.local/quota-exceeded', limit: 2 });
  });

  test('a third API key is refused with a clear 403 quota-exceeded', async () => {
    const owner = await user();
    const tenant = await call('POST', '/api/v1/tenants', { name: 'Key Quota' }, owner.auth);
    const createKey = (name: string) => call('POST', `/api/v1/tenants/${String(tenant.body.tenantId)}/api-keys`, { name, scopes: ['tenant:read'] }, owner.auth);
    expect((await createKey('one')).status).toBe(201);
    expect((await createKey('two')).status).toBe(201);
    const third = await createKey('three');
    expect(third.status).toBe(403);
    expect(third.body).toMatchObject({ type: 'https://errors.platform.local/quota-exceeded', limit: 2 });
  });
});

test('an unverified user may not provision (nor mint keys that could): 403 email-not-verified, then allowed once verified', async () => {
  const person = await user({ verified: false });
  const tenant = await call('POST', '/api/v1/tenants', { name: 'Unverified Co' }, person.auth);
  expect(tenant.status).toBe(201);
  const tenantId = String(tenant.body.tenantId);
  const provision = () => call('POST', '/api/v1/instances', {
    tenantId, name: 'Unverified ERP', subdomain: `unverified-${randomBytes(3).toString('hex')}`, plan: 'starter', adminEmail: person.email,
  }, person.auth);
  const refused = await provision();
  expect(refused.status).toBe(403);
  expect(refused.body).toMatchObject({ type: 'https://errors.platform.local/email-not-verified', status: 403 });
  const key = await call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'ci', scopes: ['instances:manage'] }, person.auth);
  expect(key.status).toBe(403);
  expect(key.body.type).toBe('https://errors.platform.local/email-not-verified');

  const [registered] = await platform.store.readStream(`user-${person.userId}`, { maxCount: 1 });
  const token = await platform.mailedToken((registered!.data as { verification: { requestId: string } }).verification.requestId);
  expect((await call('POST', '/api/v1/auth/verify-email', { token }, {})).status).toBe(200);
  expect((await provision()).status).toBe(202);
});
