import { randomBytes } from 'node:crypto';
import amqplib from 'amqplib';
import { v7 } from 'uuid';
import { amqpUrlWithVhost } from '../../src/adapters/bus/createAmqpConnection';
import { toEventMessage } from '../../src/adapters/bus/eventMessage';
import { signUp, type SignedUpUser } from '../support/signUp';
import { waitFor } from '../adapters/bus/busTestContext';
import { mailbox, settle } from './support/mailbox';
import { startNotifierWorld, type NotifierWorld } from './support/notifierWorld';

let world: NotifierWorld;
let owner: SignedUpUser;
let tenantId: string;

beforeAll(async () => {
  world = await startNotifierWorld();
  owner = await signUp(world.platform.url, { displayName: 'Tariro Moyo', verifyEmail: false });
  const created = await fetch(`${world.platform.url}/api/v1/tenants`, {
    method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Mopane Traders' }),
  });
  tenantId = ((await created.json()) as { tenantId: string }).tenantId;
}, 60_000);
afterAll(() => world?.teardown());

const { mailsTo, oneMail } = mailbox(() => world);

async function appendInstanceEvents(instanceId: string, events: Array<{ type: string; data: Record<string, unknown> }>) {
  const stream = `instance-${instanceId}`;
  const existing = await world.platform.store.readStream(stream);
  return world.platform.store.appendToStream(stream, events.map((e) => ({ ...e, data: { instanceId, ...e.data }, metadata: { actor: 'system:test', tenantId } })),
    { expectedVersion: existing.length ? existing.length - 1 : 'no_stream' });
}
const provisioningRequested = (subdomain: string) => ({
  type: 'InstanceProvisioningRequested',
  data: { tenantId, name: `ERP ${subdomain}`, subdomain, plan: 'starter', odooVersion: '17', adminEmail: owner.email, demoData: false, language: 'en_US', requestedBy: owner.userId },
});

test('registration sends one welcome mail to the new user, recorded as NotificationSent', async () => {
  const mail = await oneMail(owner.email, /^Welcome to Odoo Hosting, Tariro Moyo$/);
  expect(mail.text).toContain('Your account is ready');
  expect(mail.text).toContain('Open your dashboard: https://app.example.test/');
  expect(mail.text).toContain('Unsubscribe: https://app.example.test/api/v1/notifications/unsubscribe?token=u1.');
  expect(mail.html).toContain('<a href="https://app.example.test/"');
  const sentTo = async () => (await world.notificationEvents()).filter((e) => e.type === 'NotificationSent' && (e.data as { to: string }).to === owner.email);
  await waitFor(async () => (await sentTo()).length === 1, { what: 'NotificationSent recorded' });
  const sent = await sentTo();
  expect(sent[0]!.data).toMatchObject({ template: 'welcome', category: 'account', recipientUserId: owner.userId });
  expect((sent[0]!.data as { messageId: string }).messageId).toMatch(/^<[0-9a-f-]{36}@odoo\.localhost>$/);
});

test('password reset: the link carries the token, which works and appears in no event', async () => {
  // Its own user: a reset revokes every session, and the owner's is used by later tests.
  const user = await signUp(world.platform.url, { displayName: 'Forgetful', verifyEmail: false });
  const response = await fetch(`${world.platform.url}/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email }) });
  expect(response.status).toBe(202);
  const mail = await oneMail(user.email, /^Reset your Odoo Hosting password$/);
  const token = /https:\/\/app\.example\.test\/reset-password\?token=(\S+)/.exec(mail.text)?.[1];
  expect(token).toBeDefined();
  expect(mail.text).toContain('cannot be turned off');
  const { rows } = await world.pool.query(`SELECT count(*)::int AS n FROM "${world.config.EVENTSTORE_SCHEMA}".events WHERE data::text LIKE $1 OR metadata::text LIKE $1`, [`%${decodeURIComponent(token!)}%`]);
  expect(rows[0].n).toBe(0);
  const newPassword = `Fresh-Baobab-${randomBytes(6).toString('hex')}`;
  const confirmed = await fetch(`${world.platform.url}/auth/password-reset/confirm`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: decodeURIComponent(token!), newPassword }),
  });
  expect(confirmed.status).toBe(204);
});

test('an invitation mails the invitee the accept link with the tenant and the inviter', async () => {
  const invitee = `invitee.${randomBytes(4).toString('hex')}@example.test`;
  const response = await fetch(`${world.platform.url}/api/v1/tenants/${tenantId}/invitations`, {
    method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ email: invitee, role: 'admin' }),
  });
  expect(response.status).toBe(201);
  const mail = await oneMail(invitee, /^Tariro Moyo invited you to Mopane Traders on Odoo Hosting$/);
  expect(mail.text).toContain('join Mopane Traders as admin');
  expect(mail.text).toMatch(/Accept the invitation: https:\/\/app\.example\.test\/invitations\/accept\?token=\S+/);
});

test('instance ready, provisioning failed and deletion mail the tenant owner', async () => {
  const ready = v7();
  await appendInstanceEvents(ready, [provisioningRequested('mopane'), { type: 'InstanceProvisioned', data: { url: 'https://mopane.odoo.localhost', containerName: 'c', databaseName: 'd' } }]);
  const readyMail = await oneMail(owner.email, /^Your Odoo instance ERP mopane is ready$/);
  expect(readyMail.text).toContain('https://mopane.odoo.localhost');
  expect(readyMail.text).toContain(`Signing in: open https://mopane.odoo.localhost/web/login and sign in as ${owner.email}`);
  // Where the password is, never the password itself (issue 12).
  expect(readyMail.text).toMatch(/POST https:\/\/app\.example\.test\/api\/v1\/instances\/[0-9a-f-]+\/admin-credentials/);

  const failed = v7();
  await appendInstanceEvents(failed, [provisioningRequested('broken'), { type: 'InstanceProvisioningFailed', data: { reason: 'the database server did not answer', failedStep: 'createDatabase' } }]);
  const failedMail = await oneMail(owner.email, /^We could not create your Odoo instance ERP broken$/);
  expect(failedMail.text).toContain('failed at the step "createDatabase": the database server did not answer');
  expect(failedMail.text).toContain('What happens next');

  await appendInstanceEvents(ready, [{ type: 'InstanceDeletionRequested', data: { gracePeriodSeconds: 7 * 86_400, reason: 'requested by the owner' } }]);
  const deletedMail = await oneMail(owner.email, /^Your Odoo instance ERP mopane has been deleted$/);
  expect(deletedMail.text).toContain('grace period of 7 days');
});

test('unhealthy for longer than N minutes mails once; a quick recovery mails nothing', async () => {
  const down = v7();
  const blip = v7();
  await appendInstanceEvents(down, [provisioningRequested('down'), { type: 'InstanceProvisioned', data: { url: 'https://down.odoo.localhost', containerName: 'c', databaseName: 'd' } }]);
  await appendInstanceEvents(blip, [provisioningRequested('blip'), { type: 'InstanceProvisioned', data: { url: 'https://blip.odoo.localhost', containerName: 'c', databaseName: 'd' } }]);
  await appendInstanceEvents(blip, [{ type: 'InstanceBecameUnhealthy', data: { detail: 'health check timed out' } }, { type: 'InstanceRecovered', data: { detail: 'healthy again' } }]);
  await appendInstanceEvents(down, [{ type: 'InstanceCrashed', data: { detail: 'exit code 137', exitCode: 137, oomKilled: true } }]);
  const mail = await oneMail(owner.email, /^ERP down has been down for more than 0\.02 minutes$/);
  expect(mail.text).toContain('exit code 137');
  await settle();
  expect(mailsTo(owner.email).filter((m) => /ERP (down|blip) has been/.test(m.subject))).toHaveLength(1);
});

test('backup failed (backups issue) mails the tenant owner', async () => {
  const instanceId = v7();
  await appendInstanceEvents(instanceId, [provisioningRequested('backed')]);
  const backupId = v7();
  await world.platform.store.appendToStream(`backup-${backupId}`, [{ type: 'BackupFailed', data: { backupId, instanceId, tenantId, reason: 'storage quota exceeded', failedStep: 'upload' }, metadata: { actor: 'system:test' } }], { expectedVersion: 'no_stream' });
  const mail = await oneMail(owner.email, /^Backup of ERP backed failed$/);
  expect(mail.text).toContain('storage quota exceeded');
});

test('a redelivered event produces no second mail (inbox), even with its inbox row gone (notification stream)', async () => {
  const user = await signUp(world.platform.url, { displayName: 'Redelivered', verifyEmail: false });
  await oneMail(user.email, /^Welcome/);
  const [registered] = await world.platform.store.readStream(`user-${user.userId}`, { maxCount: 1 });
  const connection = await amqplib.connect(amqpUrlWithVhost(world.config.AMQP_URL, world.config.AMQP_VHOST));
  try {
    const channel = await connection.createConfirmChannel();
    const message = toEventMessage(registered!);
    channel.publish(world.bus.names.eventsExchange, message.routingKey, message.content, message.options);
    await settle();
    await world.pool.query(`DELETE FROM "${world.config.BUS_SCHEMA}".inbox WHERE message_id = $1`, [registered!.eventId]);
    channel.publish(world.bus.names.eventsExchange, message.routingKey, message.content, message.options);
    await channel.waitForConfirms();
    await waitFor(async () => (await world.pool.query(`SELECT 1 FROM "${world.config.BUS_SCHEMA}".inbox WHERE message_id = $1`, [registered!.eventId])).rowCount === 1, { what: 'the redelivery handled' });
    await settle(500);
  } finally {
    await connection.close();
  }
  expect(mailsTo(user.email)).toHaveLength(1);
});

test('opting out (settings or unsubscribe link) suppresses optional mails, never security ones', async () => {
  const user = await signUp(world.platform.url, { displayName: 'Quiet', verifyEmail: false });
  const welcome = await oneMail(user.email, /^Welcome/);
  const link = /Unsubscribe: (\S+)/.exec(welcome.text)![1]!;
  expect(welcome.headers['list-unsubscribe']).toBe(`<${link}>`);
  expect(welcome.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
  // Opening the link only asks (docs/decisions/046); the mail client's one-click POST unsubscribes.
  const page = await fetch(link.replace('https://app.example.test', world.notificationsUrl));
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const viaLink = await fetch(link.replace('https://app.example.test', world.notificationsUrl), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
  });
  expect(viaLink.status).toBe(200);
  expect(await viaLink.json()).toMatchObject({ unsubscribed: 'account' });
  const forged = await fetch(`${world.notificationsUrl}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(link.split('token=')[1]!.replace('account', 'alerts'))}`);
  expect(forged.status).toBe(400);

  const put = await fetch(`${world.notificationsUrl}/api/v1/me/notifications`, {
    method: 'PUT', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ optedOut: ['account', 'instances'] }),
  });
  expect(put.status).toBe(200);
  const got = await (await fetch(`${world.notificationsUrl}/api/v1/me/notifications`, { headers: user.auth })).json() as { optedOut: string[]; categories: Array<{ category: string; subscribed: boolean; essential: boolean }> };
  expect(got.optedOut).toEqual(['account', 'instances']);
  expect(got.categories.find((c) => c.category === 'security')).toMatchObject({ essential: true, subscribed: true });
  expect((await fetch(`${world.notificationsUrl}/api/v1/me/notifications`, {
    method: 'PUT', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ optedOut: ['security'] }),
  })).status).toBe(400);

  const created = await fetch(`${world.platform.url}/api/v1/tenants`, { method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Quiet Ltd' }) });
  const quietTenant = ((await created.json()) as { tenantId: string }).tenantId;
  const instanceId = v7();
  await world.platform.store.appendToStream(`instance-${instanceId}`, [
    { type: 'InstanceProvisioningRequested', data: { ...provisioningRequested('quiet').data, tenantId: quietTenant, instanceId }, metadata: { actor: 'system:test' } },
    { type: 'InstanceProvisioned', data: { instanceId, url: 'https://quiet.odoo.localhost', containerName: 'c', databaseName: 'd' }, metadata: { actor: 'system:test' } },
  ], { expectedVersion: 'no_stream' });
  await fetch(`${world.platform.url}/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email }) });
  await oneMail(user.email, /^Reset your Odoo Hosting password$/);
  await waitFor(async () => (await world.notificationEvents()).some((e) => e.type === 'NotificationSuppressed' && (e.data as { to: string }).to === user.email), { what: 'the suppressed instance mail' });
  expect(mailsTo(user.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Welcome/), 'Reset your Odoo Hosting password']);
});

test('an SMTP outage followed by recovery delivers every mail exactly once', async () => {
  await world.smtp.stop();
  const users = await Promise.all([1, 2, 3].map((n) => signUp(world.platform.url, { displayName: `Outage ${n}`, verifyEmail: false })));
  // Long enough for failed attempts and an open breaker, short of the delivery limit.
  await settle(1500);
  expect(users.flatMap((u) => mailsTo(u.email))).toHaveLength(0);
  await world.smtp.start();
  for (const user of users) await oneMail(user.email, /^Welcome/);
  await settle();
  for (const user of users) expect(mailsTo(user.email)).toHaveLength(1);
});

test('a rejected or malformed address is recorded as failed and not retried', async () => {
  const rejected = await signUp(world.platform.url, { email: `nobody.${randomBytes(3).toString('hex')}@reject.test`, displayName: 'Nobody', verifyEmail: false });
  const malformedId = v7();
  // Past the sign-up validation (an address imported from elsewhere): the notifier must still cope.
  await world.platform.store.appendToStream(`user-${malformedId}`, [{ type: 'UserRegistered', data: { userId: malformedId, email: 'broken@@example.test', displayName: 'Broken' }, metadata: { actor: 'system:test' } }], { expectedVersion: 'no_stream' });
  const failedFor = async (to: string) => (await world.notificationEvents()).filter((e) => e.type === 'NotificationFailed' && (e.data as { to: string }).to === to);
  await waitFor(async () => (await failedFor(rejected.email)).length === 1 && (await failedFor('broken@@example.test')).length === 1, { what: 'both failures recorded' });
  await settle();
  expect((await failedFor(rejected.email))[0]!.data).toMatchObject({ permanent: true, template: 'welcome', error: { responseCode: 550 } });
  expect((await failedFor('broken@@example.test'))[0]!.data).toMatchObject({ permanent: true, error: { code: 'EADDRESS' } });
  expect(world.smtp.recipientAttempts.filter((a) => a === rejected.email)).toHaveLength(1);
  expect(world.smtp.recipientAttempts.filter((a) => a.startsWith('broken'))).toHaveLength(0);
  expect(await failedFor(rejected.email)).toHaveLength(1);
});
