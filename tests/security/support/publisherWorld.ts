import amqplib, { type Channel, type ConsumeMessage, type Options } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { createBusNames } from '../../../src/ports/busNames';
import { listDeadLetters } from '../../../src/adapters/bus/listDeadLetters';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { CommandReply } from '../../../src/api/amqp/commandMessage';
import { waitFor } from '../../adapters/bus/busTestContext';
import { createTestBrokerUser, createTestVhost, deleteTestVhost, type TestBrokerUser } from '../../support/rabbitmq';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import type { Role } from '../../../src/wiring/startPlatform';

/** What a publisher gets back: the reply, or the broker closing its channel (no reply ever comes). */
export type Outcome = { kind: 'reply'; reply: CommandReply } | { kind: 'channelClosed'; code: number | undefined } | { kind: 'silence' };

export interface PublisherWorld {
  platform: TestPlatform;
  vhost: string;
  /** Mapped to `system:ops-bot`. */
  operator: TestBrokerUser;
  /** Mapped to tenant A with API-key scopes (tenant:read, instances:read, instances:manage). */
  tenantBot: TestBrokerUser;
  /** Tenant A's publisher with the broker permissions the message catalogue prescribes. */
  narrowBot: TestBrokerUser;
  /** A broker user of the vhost that AMQP_PUBLISHERS does not name. */
  stranger: TestBrokerUser;
  tenantA: string;
  tenantB: string;
  /** Publishes one raw message to platform.commands as `as`, replies to direct reply-to. */
  publish(as: TestBrokerUser, body: unknown, properties?: Options.Publish, waitMs?: number): Promise<Outcome>;
  events(streamName: string): Promise<RecordedEvent[]>;
  deadLettered(messageId: string): Promise<void>;
  teardown(): Promise<void>;
}

/** The api role with its AMQP ingress on a vhost of its own, three publishers (operator, tenant-bound,
 * unknown) with broker users of their own, and two tenants A and B. */
export async function startPublisherWorld(prefix: string, options: { role?: Role; env?: Record<string, string> } = {}): Promise<PublisherWorld> {
  const vhost = await createTestVhost(prefix);
  const [operator, tenantBot, stranger] = await Promise.all(['ops', 'acme_sync', 'stranger'].map((name) => createTestBrokerUser(vhost, name)));
  // What the message catalogue tells an external publisher to be given: write on the command exchange only.
  const narrowBot = await createTestBrokerUser(vhost, 'acme_narrow', ['^$', '^platform\\.command-ingress$', '^$']);
  const tenantA = uuidv7();
  const tenantB = uuidv7();
  const platform = await startTestPlatform(options.role ?? 'api', {
    ...options.env,
    BUS_ENABLED: 'true', AMQP_VHOST: vhost, AMQP_RETRY_DELAYS_MS: '50', AMQP_RECONNECT_SECONDS: '0.2',
    AMQP_PUBLISHERS: JSON.stringify({
      [operator!.user]: { system: 'ops-bot' },
      [tenantBot!.user]: { tenantId: tenantA, scopes: ['tenant:read', 'instances:read', 'instances:manage'] },
      [narrowBot.user]: { tenantId: tenantA, scopes: ['tenant:read', 'instances:read', 'instances:manage'] },
    }),
  });
  await platform.busReady();
  for (const [tenantId, name] of [[tenantA, 'Acme'], [tenantB, 'Victim Ltd']] as const) {
    await platform.store.appendToStream(`tenant-${tenantId}`, [{ type: 'TenantCreated', data: { tenantId, name, createdBy: 'system:test' }, metadata: { actor: 'system:test' } }], { expectedVersion: 'no_stream' });
  }
  const connections: amqplib.ChannelModel[] = [];
  const names = createBusNames();

  return {
    platform, vhost, operator: operator!, tenantBot: tenantBot!, narrowBot, stranger: stranger!, tenantA, tenantB,
    async publish(as, body, properties = {}, waitMs = 5000) {
      const connection = await amqplib.connect(as.url);
      connection.on('error', () => undefined);
      connections.push(connection);
      const channel: Channel = await connection.createChannel();
      const correlationId = uuidv7();
      return new Promise<Outcome>((resolve) => {
        const timer = setTimeout(() => resolve({ kind: 'silence' }), waitMs);
        channel.on('error', (error: { code?: number }) => {
          clearTimeout(timer);
          resolve({ kind: 'channelClosed', code: error.code });
        });
        void channel.consume('amq.rabbitmq.reply-to', (message: ConsumeMessage | null) => {
          if (!message || message.properties.correlationId !== correlationId) return;
          clearTimeout(timer);
          resolve({ kind: 'reply', reply: JSON.parse(message.content.toString('utf8')) as CommandReply });
        }, { noAck: true }).then(() => {
          channel.sendToQueue('platform.commands', Buffer.from(JSON.stringify(body)), {
            messageId: uuidv7(), correlationId, replyTo: 'amq.rabbitmq.reply-to', contentType: 'application/json', persistent: true, ...properties,
          });
        });
      });
    },
    events: (streamName) => platform.store.readStream(streamName),
    async deadLettered(messageId) {
      const connection = await amqplib.connect(operator!.url);
      connection.on('error', () => undefined);
      connections.push(connection);
      const channel = await connection.createChannel();
      await waitFor(async () => (await listDeadLetters(channel, names, 'commands')).some((letter) => letter.messageId === messageId), { what: `dead letter ${messageId}` });
    },
    async teardown() {
      await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
      await platform.stop();
      await deleteTestVhost(vhost);
    },
  };
}
