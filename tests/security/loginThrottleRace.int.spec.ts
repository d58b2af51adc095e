import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, finding 11: the login throttle checked the failure count, verified the password, and only
// then counted the failure, so N guesses sent at once all passed the check and were all verified
// (an attacker got N guesses per window instead of 5). The attempt is now reserved atomically before
// any password is verified; the same holds for a password change's current password.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('api');
});
afterAll(() => platform?.stop());

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${platform.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

test('20 wrong logins at once against a limit of 5: at most 5 are verified, the rest are 429', async () => {
  const victim = await signUp(platform.url);
  const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => post('/auth/login', { email: victim.email, password: `parallel-guess-${i}` })));
  const counts = tally(statuses);
  expect(Object.keys(counts).sort()).toEqual(['401', '429']);
  expect(counts[401]).toBeLessThanOrEqual(5);
  expect(counts[429]).toBeGreaterThanOrEqual(15);
  // Each verified guess leaves its audit event: no more than the limit.
  const failures = (await platform.store.readStream(`user-${victim.userId}`)).filter((e) => e.type === 'UserLoginFailed');
  expect(failures.length).toBeLessThanOrEqual(5);
});

test('20 wrong current passwords at once on a password change: at most 5 are verified, the rest are 429', async () => {
  const victim = await signUp(platform.url);
  const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
    post('/auth/password', { currentPassword: `parallel-guess-${i}`, newPassword: 'Brand-New-Passphrase-2026' }, victim.auth)));
  const counts = tally(statuses);
  expect(Object.keys(counts).sort()).toEqual(['403', '429']);
  expect(counts[403]).toBeLessThanOrEqual(5);
  expect(counts[429]).toBeGreaterThanOrEqual(15);
});
