import { signUp } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { identityKit, type IdentityKit } from './identityKit';

// A script hammering one account: throttled with 429 + Retry-After, never a 5xx, the event store not
// flooded, and the owner gets back in through a password reset.
let platform: TestPlatform;
let kit: IdentityKit;
beforeAll(async () => {
  platform = await startTestPlatform('all');
  kit = identityKit(platform);
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

it('throttles 1,000 login attempts on one account without a 5xx, and a reset lets the owner back in', async () => {
  const victim = await signUp(platform.url);
  const statuses = new Map<number, number>();
  let retryAfter: string | null = null;
  let next = 0;
  const worker = async () => {
    while (next < 1000) {
      const attempt = next;
      next += 1;
      const reply = await kit.call('POST', '/auth/login', { email: victim.email, password: `guess-number-${attempt}` });
      statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      if (reply.status === 429) retryAfter = reply.headers.get('retry-after');
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));

  expect([...statuses.keys()].sort()).toEqual([401, 429]);
  expect(statuses.get(429)).toBeGreaterThan(950);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  const events = await kit.allEventsText();
  const failures = events.filter((e) => e.includes('UserLoginFailed')).length;
  expect(failures).toBeGreaterThanOrEqual(5);
  expect(failures).toBeLessThan(30);
  expect(events.some((e) => e.includes('UserLoginThrottled'))).toBe(true);

  // Even the right password waits out the block...
  const blocked = await kit.call('POST', '/auth/login', { email: victim.email, password: victim.password });
  expect(blocked.status).toBe(429);
  expect(blocked.body.type).toBe('https://errors.platform.local/login-throttled');
  // ...unless the owner proves control of the mailbox.
  await kit.call('POST', '/auth/password-reset', { email: victim.email });
  const { rows } = await kit.admin.query<{ reset_id: string }>(
    `SELECT data->>'resetId' AS reset_id FROM "${platform.config.EVENTSTORE_SCHEMA}".events WHERE type = 'PasswordResetRequested' AND data->>'userId' = $1`, [victim.userId]);
  const token = (await kit.vault.take(rows[0]!.reset_id))!;
  expect((await kit.call('POST', '/auth/password-reset/confirm', { token, newPassword: 'Matobo-Hills-Granite-88' })).status).toBe(204);
  expect((await kit.call('POST', '/auth/login', { email: victim.email, password: 'Matobo-Hills-Granite-88' })).status).toBe(200);
}, 120_000);

it('throttles unknown emails the same way (no enumeration through throttling)', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 8; i += 1) statuses.push((await kit.call('POST', '/auth/login', { email: 'ghost@example.test', password: `guess-${i}` })).status);
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses.slice(6)).toEqual([429, 429]);
});
