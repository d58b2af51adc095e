import { z } from 'zod';
import { commandRoutingKey, createBusNames, type BusNames } from '../../ports/busNames';
import { commandHandlers } from '../../commands/commandHandlers';
import type { CommandHandlerSpec } from '../../commands/commandHandlerSpec';
import { commandMessageSchema } from './commandMessage';
import { eventPayloadSchemas, type EventCatalogueEntry } from './eventPayloadSchemas';

export interface AsyncApiInput {
  names?: BusNames;
  commands?: Record<string, CommandHandlerSpec>;
  events?: Record<string, EventCatalogueEntry>;
}

/** AsyncAPI 3.0 of the AMQP surface (docs/asyncapi.json), from the same schemas as
 * docs/message-catalogue.md: commands received on the command exchange with their direct reply-to
 * answers, and every event sent to the events exchange under its routing key. */
export function asyncApiDocument(input: AsyncApiInput = {}): object {
  const names = input.names ?? createBusNames();
  const commands = input.commands ?? commandHandlers;
  const events = input.events ?? eventPayloadSchemas;
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const ref = (path: string) => ({ $ref: `#/${path}` });

  const envelope = jsonSchema(commandMessageSchema) as { properties: Record<string, unknown> };
  for (const [type, spec] of Object.entries(commands)) {
    messages[`${type}Command`] = {
      name: type,
      title: type,
      summary: spec.description,
      correlationId: ref('components/correlationIds/amqp'),
      payload: { ...envelope, properties: { ...envelope.properties, type: { const: type }, data: jsonSchema(spec.schema) } },
    };
  }
  messages.CommandReply = {
    name: 'CommandReply',
    summary: 'The outcome of a command, on the sender\'s direct reply-to queue with the command\'s correlationId.',
    correlationId: ref('components/correlationIds/amqp'),
    payload: commandReplySchema,
  };
  channels.commands = {
    address: commandRoutingKey,
    title: 'Commands',
    description: `Publish commands to the direct exchange \`${names.commandExchange}\` with routing key \`${commandRoutingKey}\`; they land on \`${names.commandQueue}\`. `
      + 'Properties: `messageId` (the idempotency key), `userId` (your broker user), `replyTo` = `amq.rabbitmq.reply-to`, `correlationId`, persistent.',
    messages: Object.fromEntries(Object.keys(commands).map((type) => [`${type}Command`, ref(`components/messages/${type}Command`)])),
    bindings: { amqp: { is: 'routingKey', exchange: { name: names.commandExchange, type: 'direct', durable: true, autoDelete: false, vhost: '/' } } },
  };
  channels.commandReplies = {
    address: null,
    title: 'Command replies',
    description: 'Direct reply-to (`amq.rabbitmq.reply-to`): the address is the sender\'s own reply pseudo-queue.',
    messages: { CommandReply: ref('components/messages/CommandReply') },
  };
  operations.receiveCommand = {
    action: 'receive',
    title: 'Receive a command',
    summary: 'The platform handles each command once per messageId and answers on replyTo.',
    channel: ref('channels/commands'),
    messages: Object.keys(commands).map((type) => ref(`channels/commands/messages/${type}Command`)),
    reply: { channel: ref('channels/commandReplies'), messages: [ref('channels/commandReplies/messages/CommandReply')] },
  };

  for (const [type, entry] of Object.entries(events)) {
    const routingKey = `${entry.category}.${type}`;
    const channelId = routingKey.replace(/[^A-Za-z0-9_-]/g, '_');
    messages[type] = {
      name: type,
      title: routingKey,
      correlationId: ref('components/correlationIds/amqp'),
      payload: { ...eventEnvelopeSchema, properties: { ...eventEnvelopeSchema.properties, type: { const: type }, data: jsonSchema(entry.schema) } },
      bindings: { amqp: { messageType: type } },
    };
    channels[channelId] = {
      address: routingKey,
      title: routingKey,
      messages: { [type]: ref(`components/messages/${type}`) },
      bindings: { amqp: { is: 'routingKey', exchange: { name: names.eventsExchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' } } },
    };
    operations[`send${channelId}`] = {
      action: 'send',
      title: `Publish ${routingKey}`,
      channel: ref(`channels/${channelId}`),
      messages: [ref(`channels/${channelId}/messages/${type}`)],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Hosted Odoo control plane — AMQP',
      version: '1',
      description: 'Commands in (with replies) and events out over RabbitMQ; the human-readable catalogue is docs/message-catalogue.md. '
        + `Events go to the topic exchange \`${names.eventsExchange}\` with routing key \`<category>.<EventType>\`, at least once: deduplicate by messageId.`,
    },
    defaultContentType: 'application/json',
    servers: {
      rabbitmq: { host: '127.0.0.1:5672', protocol: 'amqp', protocolVersion: '0.9.1', description: 'The platform\'s broker (AMQP_URL, vhost AMQP_VHOST).' },
    },
    channels,
    operations,
    components: {
      messages,
      correlationIds: { amqp: { description: 'The AMQP correlationId property.', location: '$message.header#/correlationId' } },
    },
  };
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  // AsyncAPI's default schema format is JSON Schema draft 07.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Record<string, unknown>;
  return json;
}

const position = { type: 'object', properties: { transactionId: { type: 'integer' }, globalPosition: { type: 'integer' } }, required: ['transactionId', 'globalPosition'] };

const eventEnvelopeSchema = {
  type: 'object',
  required: ['eventId', 'type', 'streamName', 'streamPosition', 'position', 'data', 'metadata', 'createdAt'],
  properties: {
    eventId: { type: 'string', description: 'Also the AMQP messageId: deduplicate by it.' },
    type: { type: 'string' },
    streamName: { type: 'string' },
    streamPosition: { type: 'integer' },
    position,
    data: {},
    metadata: {
      type: 'object',
      properties: Object.fromEntries(['commandId', 'correlationId', 'causationId', 'actor', 'tenantId', 'occurredAt'].map((key) => [key, { type: 'string' }])),
    },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const commandReplySchema = {
  oneOf: [
    {
      type: 'object',
      required: ['ok', 'result'],
      properties: {
        ok: { const: true },
        result: {
          type: 'object',
          required: ['commandId', 'streamName', 'nextExpectedVersion', 'position'],
          properties: {
            commandId: { type: 'string' }, streamName: { type: 'string' }, nextExpectedVersion: { type: 'integer' },
            position: { type: ['string', 'null'], description: '`<transactionId>.<globalPosition>`: minPosition on the HTTP query routes.' },
          },
        },
      },
    },
    {
      type: 'object',
      required: ['ok', 'problem'],
      properties: {
        ok: { const: false },
        problem: { type: 'object', required: ['type', 'title', 'status'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } },
      },
    },
  ],
};
