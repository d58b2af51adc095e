import amqplib from 'amqplib';
import { amqpUrlWithVhost } from '../../src/adapters/bus/createAmqpConnection';
import { toEventMessage } from '../../src/adapters/bus/eventMessage';
import { waitFor } from '../adapters/bus/busTestContext';
import { signUp } from '../support/signUp';
import { mailbox, settle } from './support/mailbox';
import { startNotifierWorld, type NotifierWorld } from './support/notifierWorld';
import type { ReceivedMail } from './support/testSmtpServer';

// Email verification end to end: the identity API, the relay, the notifier group and a real SMTP
// server. A one-second resend interval lets a resend be shown working.
let world: NotifierWorld;

beforeAll(async () => {
  world = await startNotifierWorld({ EMAIL_VERIFICATION_RESEND_SECONDS: '1' });
}, 60_000);
afterAll(() => world?.teardown());

const { mailsTo, oneMail } = mailbox(() => world);
const verifyLink = (mail: ReceivedMail) => /https:\/\/app\.example\.test\/verify-email\?token=(\S+)/.exec(mail.text)?.[1];

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${world.platform.url}${path}`, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  // Test code reads arbitrary JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as any };
}
// Everything but the notifier's own records, which it appends at times of its choosing.
async function nonNotificationEvents(): Promise<number> {
  const { rows } = await world.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${world.config.EVENTSTORE_SCHEMA}".events WHERE stream_name NOT LIKE 'notification%'`);
  return rows[0]!.n;
}
async function eventsContaining(secret: string): Promise<number> {
  const { rows } = await world.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${world.config.EVENTSTORE_SCHEMA}".events WHERE data::text LIKE $1 OR metadata::text LIKE $1`, [`%${secret}%`]);
  return rows[0]!.n;
}

test('register → the welcome mail carries a verification link → verify → /me shows verified; the link works once', async () => {
  const user = await signUp(world.platform.url, { displayName: 'Chipo', verifyEmail: false });
  const welcome = await oneMail(user.email, /^Welcome to Odoo Hosting, Chipo$/);
  const token = decodeURIComponent(verifyLink(welcome) ?? '');
  expect(token).toMatch(/^evf_/);
  expect(welcome.text).toMatch(/The link works once, until \d+ \w+ \d{4}, \d\d:\d\d UTC\./);
  expect(welcome.html).toContain('Confirm your email address</a>');
  expect(await eventsContaining(token)).toBe(0);
  expect((await call('GET', '/api/v1/me', undefined, user.auth)).body.emailVerified).toBe(false);

  const verified = await call('POST', '/api/v1/auth/verify-email', { token });
  expect(verified.status).toBe(200);
  expect((await call('GET', '/api/v1/me', undefined, user.auth)).body).toMatchObject({ userId: user.userId, emailVerified: true });
  expect((await call('GET', '/auth/me', undefined, user.auth)).body.emailVerified).toBe(true);

  const before = await nonNotificationEvents();
  const reused = await call('POST', '/api/v1/auth/verify-email', { token });
  expect(reused.status).toBe(400);
  expect(reused.body.type).toBe('https://errors.platform.local/invalid-token');
  expect(await nonNotificationEvents()).toBe(before);
  expect(await eventsContaining(token)).toBe(0);
});

test('expired and garbage tokens are 400 and change nothing', async () => {
  const user = await signUp(world.platform.url, { displayName: 'Late', verifyEmail: false });
  const token = decodeURIComponent(verifyLink(await oneMail(user.email, /^Welcome/)) ?? '');
  await world.pool.query(`UPDATE "${world.config.IDENTITY_SCHEMA}".one_time_tokens SET expires_at = now() - interval '1 minute' WHERE purpose = 'email-verification' AND subject_id = $1`, [user.userId]);
  const before = await nonNotificationEvents();
  for (const attempt of [token, 'evf_not-a-token', '']) {
    const reply = await call('POST', '/api/v1/auth/verify-email', { token: attempt });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }
  expect(await nonNotificationEvents()).toBe(before);
  expect((await call('GET', '/api/v1/me', undefined, user.auth)).body.emailVerified).toBe(false);
});

test('a resend mails a new link (security, always sent), which verifies; a redelivered request mails nothing more', async () => {
  const user = await signUp(world.platform.url, { displayName: 'Again', verifyEmail: false });
  const first = decodeURIComponent(verifyLink(await oneMail(user.email, /^Welcome/)) ?? '');
  await settle(1100);
  const resent = await call('POST', '/api/v1/auth/resend-verification', undefined, user.auth);
  expect(resent.status).toBe(202);
  const mail = await oneMail(user.email, /^Confirm your email address for Odoo Hosting$/);
  const second = decodeURIComponent(verifyLink(mail) ?? '');
  expect(second).toMatch(/^evf_/);
  expect(second).not.toBe(first);
  expect(mail.text).toContain('cannot be turned off');
  expect(mail.text).not.toContain('Unsubscribe:');
  await waitFor(async () => (await world.notificationEvents()).some((e) => e.type === 'NotificationSent' && (e.data as { template: string; to: string }).template === 'emailVerification'
    && (e.data as { to: string }).to === user.email), { what: 'NotificationSent for the verification mail' });
  const sent = (await world.notificationEvents()).find((e) => (e.data as { template: string; to: string }).template === 'emailVerification' && (e.data as { to: string }).to === user.email)!;
  expect(sent.data).toMatchObject({ category: 'security', eventType: 'EmailVerificationRequested', recipientUserId: user.userId });

  // The same event again, once through the inbox and once with its inbox row gone: no second mail.
  const requested = (await world.platform.store.readStream(`user-${user.userId}`)).find((e) => e.type === 'EmailVerificationRequested')!;
  const connection = await amqplib.connect(amqpUrlWithVhost(world.config.AMQP_URL, world.config.AMQP_VHOST));
  try {
    const channel = await connection.createConfirmChannel();
    const message = toEventMessage(requested);
    channel.publish(world.bus.names.eventsExchange, message.routingKey, message.content, message.options);
    await settle(500);
    await world.pool.query(`DELETE FROM "${world.config.BUS_SCHEMA}".inbox WHERE message_id = $1`, [requested.eventId]);
    channel.publish(world.bus.names.eventsExchange, message.routingKey, message.content, message.options);
    await channel.waitForConfirms();
    await waitFor(async () => (await world.pool.query(`SELECT 1 FROM "${world.config.BUS_SCHEMA}".inbox WHERE message_id = $1`, [requested.eventId])).rowCount === 1, { what: 'the redelivery handled' });
    await settle(500);
  } finally {
    await connection.close();
  }
  expect(mailsTo(user.email)).toHaveLength(2);

  expect((await call('POST', '/api/v1/auth/verify-email', { token: second })).status).toBe(200);
  expect((await call('GET', '/api/v1/me', undefined, user.auth)).body.emailVerified).toBe(true);
  expect(await eventsContaining(second)).toBe(0);
});

test("registering a taken address answers 202 as for a free one, and mails the account's owner instead", async () => {
  const owner = await signUp(world.platform.url, { displayName: 'Rudo', verifyEmail: false });
  const again = await call('POST', '/auth/register', { email: owner.email, password: 'An0ther-Long-Passphrase!', displayName: 'Mallory' });
  expect(again.status).toBe(202);
  const notice = await oneMail(owner.email, /^Someone tried to register with your address$/);
  expect(notice.text).toContain('Hello Rudo');
  expect(notice.text).not.toContain('Mallory');
  expect(notice.text).toContain('https://app.example.test/forgot-password');
  // Nothing in it signs anyone in: no token of any kind.
  expect(notice.text).not.toMatch(/token=/);
  // A security mail: always sent, so it offers no unsubscribe.
  expect(notice.headers['list-unsubscribe']).toBeUndefined();
});
