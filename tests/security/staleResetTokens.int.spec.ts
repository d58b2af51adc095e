import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, low: a password-reset link stayed valid after a newer one was asked for, and after the
// password was changed, so an old mail (a forwarded one, a shared mailbox, a leaked inbox) still
// took the account over. Now a new reset request, a password change and a completed reset end every
// earlier reset link of the account.
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
/** The newest reset link mailed to the user (what the notifier reads from the vault). */
async function newestResetToken(userId: string): Promise<string> {
  const requested = (await platform.store.readStream(`user-${userId}`)).filter((e) => e.type === 'PasswordResetRequested');
  return (await platform.mailedToken((requested.at(-1)!.data as { resetId: string }).resetId))!;
}

test('a newer reset request ends the older link', async () => {
  const user = await signUp(platform.url);
  expect(await post('/auth/password-reset', { email: user.email })).toBe(202);
  const older = await newestResetToken(user.userId);
  expect(await post('/auth/password-reset', { email: user.email })).toBe(202);
  const newer = await newestResetToken(user.userId);
  expect(await post('/auth/password-reset/confirm', { token: older, newPassword: 'Stale-Link-Takeover-1' })).toBe(400);
  expect(await post('/auth/password-reset/confirm', { token: newer, newPassword: 'Fresh-Link-Owner-2026' })).toBe(204);
});

test('a password change ends the outstanding reset links', async () => {
  const user = await signUp(platform.url);
  expect(await post('/auth/password-reset', { email: user.email })).toBe(202);
  const outstanding = await newestResetToken(user.userId);
  expect(await post('/auth/password', { currentPassword: user.password, newPassword: 'Changed-On-Purpose-77' }, user.auth)).toBe(200);
  expect(await post('/auth/password-reset/confirm', { token: outstanding, newPassword: 'Stale-Link-Takeover-3' })).toBe(400);
});

test('a completed reset ends the other outstanding links too', async () => {
  const user = await signUp(platform.url);
  expect(await post('/auth/password-reset', { email: user.email })).toBe(202);
  const first = await newestResetToken(user.userId);
  // Issued at the same moment by a second tab: both are "newest" until one is used.
  expect(await post('/auth/password-reset', { email: user.email })).toBe(202);
  const second = await newestResetToken(user.userId);
  expect(await post('/auth/password-reset/confirm', { token: second, newPassword: 'Used-The-Second-Link-4' })).toBe(204);
  expect(await post('/auth/password-reset/confirm', { token: first, newPassword: 'Stale-Link-Takeover-5' })).toBe(400);
});
