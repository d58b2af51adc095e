import { randomBytes } from 'node:crypto';
import amqplib from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { toEventMessage } from '../../src/adapters/bus/eventMessage';
import type { RecordedEvent } from '../../src/ports/eventStore';
import { mailbox, settle } from '../notifications/support/mailbox';
import { startNotifierWorld, type NotifierWorld } from '../notifications/support/notifierWorld';
import { createTestBrokerUser } from '../support/rabbitmq';
import { signUp, type SignedUpUser } from '../support/signUp';
import { waitFor } from '../adapters/bus/busTestContext';

/**
 * Issue 13 #3: the notifier mails invitation and password-reset tokens. It used to take the
 * recipient from the message body, so anyone who may publish on `platform.events` could name a
 * pending invitation (or reset) and their own address, and receive the token. The attacker here
 * has a broker user that may only write to `platform.events`.
 */
let world: NotifierWorld;
let owner: SignedUpUser;
let victim: SignedUpUser;
let attacker: SignedUpUser;
let tenantId: string;

beforeAll(async () => {
  world = await startNotifierWorld();
  owner = await signUp(world.platform.url, { displayName: 'Owner' });
  victim = await signUp(world.platform.url, { displayName: 'Victim' });
  attacker = await signUp(world.platform.url, { displayName: 'Mallory' });
  const created = await fetch(`${world.platform.url}/api/v1/tenants`, {
    method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Targeted Ltd' }),
  });
  tenantId = ((await created.json()) as { tenantId: string }).tenantId;
  for (const user of [owner, victim, attacker]) await oneMail(user.email, /^Welcome/);
}, 60_000);
afterAll(() => world?.teardown());

const { mailsTo, oneMail } = mailbox(() => world);

async function lastEventOfType(streamName: string, type: string): Promise<RecordedEvent> {
  let found: RecordedEvent | undefined;
  await waitFor(async () => Boolean(found = (await world.platform.store.readStream(streamName)).filter((e) => e.type === type).pop()), { what: `${type} in ${streamName}` });
  return found!;
}

test('forged MemberInvited and PasswordResetRequested messages on platform.events mail the attacker nothing', async () => {
  const attackerAddress = `mallory.${randomBytes(4).toString('hex')}@evil.test`;
  const mallory = await createTestBrokerUser(world.config.AMQP_VHOST, 'mallory', ['^$', '^platform\\.events$', '^$']);
  // SMTP down: the real invitation and reset mails wait, their tokens stay in the vault meanwhile.
  await world.smtp.stop();
  const mailsBefore = world.smtp.mails.length;
  const invitee = `invitee.${randomBytes(4).toString('hex')}@example.test`;
  const invited = await fetch(`${world.platform.url}/api/v1/tenants/${tenantId}/invitations`, {
    method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ email: invitee, role: 'admin' }),
  });
  expect(invited.status).toBe(201);
  const reset = await fetch(`${world.platform.url}/auth/password-reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: victim.email }) });
  expect(reset.status).toBe(202);
  const invitation = await lastEventOfType(`tenant-${tenantId}`, 'MemberInvited');
  const resetRequest = await lastEventOfType(`user-${victim.userId}`, 'PasswordResetRequested');

  const forgeries: RecordedEvent[] = [
    // A new event id: the invitation's token, to the attacker's address.
    { ...invitation, eventId: uuidv7(), data: { ...(invitation.data as object), email: attackerAddress } },
    // The victim's reset token, to the attacker's own account.
    { ...resetRequest, eventId: uuidv7(), data: { ...(resetRequest.data as object), userId: attacker.userId } },
    // The real event's id with a body that differs from what the store holds.
    { ...resetRequest, data: { ...(resetRequest.data as object), userId: attacker.userId } },
  ];
  const connection = await amqplib.connect(mallory.url);
  try {
    const channel = await connection.createConfirmChannel();
    for (const forged of forgeries) {
      const message = toEventMessage(forged);
      channel.publish('platform.events', message.routingKey, message.content, message.options);
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
  await world.smtp.start();

  // Whatever the notifier does with the forgeries, it does once the real mails go out.
  await waitFor(() => world.smtp.mails.length > mailsBefore, { what: 'mail after the outage' });
  await settle(3000);
  expect(mailsTo(attackerAddress)).toEqual([]);
  expect(mailsTo(attacker.email).map((m) => m.subject)).toEqual([expect.stringMatching(/^Welcome/)]);
  await oneMail(invitee, /invited you to Targeted Ltd/);
  await oneMail(victim.email, /^Reset your Odoo Hosting password$/);
});
