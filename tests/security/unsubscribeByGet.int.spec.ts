import { signUnsubscribeToken } from '../../src/notifications/unsubscribeToken';
import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, low: opening the unsubscribe link (a GET) unsubscribed at once, so a mail scanner or a
// link preview fetching it changed the user's settings. Now GET only shows a confirmation page; a
// POST unsubscribes — the page's button, or a mail client's RFC 8058 one-click
// (`List-Unsubscribe=One-Click`, form-encoded, to the same URL).
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('api');
});
afterAll(() => platform?.stop());

const unsubscribeKey = () => Buffer.from(platform.config.NOTIFY_UNSUBSCRIBE_KEY!, 'base64');
const optedOut = async (auth: Record<string, string>) =>
  ((await (await fetch(`${platform.url}/api/v1/me/notifications`, { headers: auth })).json()) as { optedOut: string[] }).optedOut;

test('GET shows a confirmation page and changes nothing', async () => {
  const user = await signUp(platform.url);
  const token = signUnsubscribeToken(unsubscribeKey(), { userId: user.userId, category: 'instances' });
  const before = await platform.countEvents();
  const page = await fetch(`${platform.url}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toMatch(/<form method="post"/);
  expect(await platform.countEvents()).toBe(before);
  expect(await optedOut(user.auth)).toEqual([]);
});

test('the page\'s button and a one-click POST unsubscribe', async () => {
  const user = await signUp(platform.url);
  const link = `${platform.url}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(unsubscribeKey(), { userId: user.userId, category: 'instances' }))}`;
  const oneClick = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  expect(oneClick.status).toBe(200);
  expect(await optedOut(user.auth)).toEqual(['instances']);

  const formToken = signUnsubscribeToken(unsubscribeKey(), { userId: user.userId, category: 'account' });
  const button = await fetch(`${platform.url}/api/v1/notifications/unsubscribe`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(formToken)}`,
  });
  expect(button.status).toBe(200);
  expect((await optedOut(user.auth)).sort()).toEqual(['account', 'instances']);
});

test('a forged token is refused on the page and on POST', async () => {
  const user = await signUp(platform.url);
  const forged = signUnsubscribeToken(Buffer.alloc(32, 7), { userId: user.userId, category: 'instances' });
  expect((await fetch(`${platform.url}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(forged)}`)).status).toBe(400);
  const post = await fetch(`${platform.url}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(forged)}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
  });
  expect(post.status).toBe(400);
  expect(await optedOut(user.auth)).toEqual([]);
});
