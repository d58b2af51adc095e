import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability/logger';
import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, finding 4: replaying POST /auth/register with the victim's Idempotency-Key and email
// (any password) answered with a session of the victim's account. Idempotency keys were global, so
// any caller who learned a key (a log line, a proxy) got the first caller's result; and they never
// expired. Now a key is scoped per caller, expires, never yields a credential, and is not logged.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('api');
});
afterAll(() => platform?.stop());

type Reply = { status: number; body: Record<string, unknown> | undefined };
async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${base}${path}`, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

test('replaying the victim\'s registration with their key and email signs the attacker in as nobody', async () => {
  const key = 'register-victim-0001';
  const email = 'tendai.victim@example.test';
  const victim = await call(platform.url, 'POST', '/auth/register', { email, password: 'Victims-Own-Passphrase-77', displayName: 'Tendai' }, { 'idempotency-key': key });
  expect(victim.status).toBe(202);

  const replay = await call(platform.url, 'POST', '/auth/register', { email, password: 'Attackers-Passphrase-99', displayName: 'Tendai' }, { 'idempotency-key': key });
  expect(replay.status).toBe(202);
  expect(replay.body).toEqual(victim.body);
  expect(JSON.stringify(replay.body)).not.toMatch(/ses_|token|sessionId/i);
  // The attacker's password was never set, and the victim's still works.
  expect((await call(platform.url, 'POST', '/auth/login', { email, password: 'Attackers-Passphrase-99' })).status).toBe(401);
  const login = await call(platform.url, 'POST', '/auth/login', { email, password: 'Victims-Own-Passphrase-77' });
  expect(login.status).toBe(200);
  const sessions = await call(platform.url, 'GET', '/auth/sessions', undefined, { authorization: `Bearer ${String(login.body!.token)}` });
  expect((sessions.body!.items as unknown[]).length).toBe(1);
});

test('another caller\'s key gives the other caller nothing of the first one\'s result', async () => {
  const alice = await signUp(platform.url);
  const mallory = await signUp(platform.url);
  const key = 'create-tenant-shared-key-01';
  const first = await call(platform.url, 'POST', '/api/v1/tenants', { name: 'Alice Pottery' }, { ...alice.auth, 'idempotency-key': key });
  expect(first.status).toBe(201);
  const replay = await call(platform.url, 'POST', '/api/v1/tenants', { name: 'Alice Pottery' }, { ...mallory.auth, 'idempotency-key': key });
  expect(replay.status).toBe(201);
  expect(replay.body!.tenantId).not.toBe(first.body!.tenantId);
  expect((await call(platform.url, 'GET', `/api/v1/tenants/${String(first.body!.tenantId)}`, undefined, mallory.auth)).status).toBe(404);

  // The same caller repeating gets the first result; the same key for another command is still 422.
  const again = await call(platform.url, 'POST', '/api/v1/tenants', { name: 'Alice Pottery' }, { ...alice.auth, 'idempotency-key': key });
  expect(again.body!.tenantId).toBe(first.body!.tenantId);
  const reused = await call(platform.url, 'POST', '/api/v1/tenants', { name: 'Another Name' }, { ...alice.auth, 'idempotency-key': key });
  expect(reused.status).toBe(422);
  expect(reused.body!.type).toBe('https://errors.platform.local/idempotency-key-reused');
});

test('a key expires: after IDEMPOTENCY_KEY_TTL_HOURS its repeat is refused, not answered with the old result', async () => {
  const shortLived = await startTestPlatform('api', { IDEMPOTENCY_KEY_TTL_HOURS: String(1 / 3600) });
  try {
    const user = await signUp(shortLived.url);
    const key = 'expiring-key-000001';
    const first = await call(shortLived.url, 'POST', '/api/v1/tenants', { name: 'Short Lived' }, { ...user.auth, 'idempotency-key': key });
    expect(first.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const late = await call(shortLived.url, 'POST', '/api/v1/tenants', { name: 'Short Lived' }, { ...user.auth, 'idempotency-key': key });
    expect(late.status).toBe(422);
    expect(late.body!.type).toBe('https://errors.platform.local/idempotency-key-expired');
  } finally {
    await shortLived.stop();
  }
});

test('the Idempotency-Key header never reaches the request log', () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
  // The shape pino-http logs every request in.
  createLogger('info', sink).info({ req: { method: 'POST', url: '/auth/register', headers: { 'idempotency-key': 'secret-replay-key-123' } } }, 'request completed');
  expect(lines.join('')).toContain('request completed');
  expect(lines.join('')).not.toContain('secret-replay-key-123');
});
