import type { Options } from 'amqplib';
import type { RecordedEvent } from '../../ports/eventStore';
import { formatLogPosition } from '../../ports/logPosition';

/** The body of an event message: the recorded event as the store returned it. */
export interface EventMessageBody {
  eventId: string;
  type: string;
  streamName: string;
  streamPosition: number;
  position: { transactionId: number; globalPosition: number };
  data: unknown;
  metadata: RecordedEvent['metadata'];
  createdAt: string;
}

/** `tenant-<uuid>` → `tenant`; the id part may itself contain dashes, the category never does. */
export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}

export function eventRoutingKey(event: Pick<RecordedEvent, 'streamName' | 'type'>): string {
  return `${streamCategory(event.streamName)}.${event.type}`;
}

const metadataHeaders = ['commandId', 'correlationId', 'causationId', 'actor', 'tenantId', 'occurredAt', 'schemaVersion'] as const;

/** Routing key, body and properties of the message the relay publishes for an event. */
export function toEventMessage(event: RecordedEvent): { routingKey: string; content: Buffer; options: Options.Publish } {
  const body: EventMessageBody = {
    eventId: event.eventId,
    type: event.type,
    streamName: event.streamName,
    streamPosition: event.streamPosition,
    position: event.position,
    data: event.data,
    metadata: event.metadata,
    createdAt: event.createdAt.toISOString(),
  };
  const headers: Record<string, unknown> = {
    streamName: event.streamName,
    streamPosition: event.streamPosition,
    position: formatLogPosition(event.position),
  };
  for (const key of metadataHeaders) if (event.metadata[key] !== undefined) headers[key] = event.metadata[key];
  const correlationId = event.metadata.correlationId;
  return {
    routingKey: eventRoutingKey(event),
    content: Buffer.from(JSON.stringify(body)),
    options: {
      persistent: true,
      messageId: event.eventId,
      type: event.type,
      contentType: 'application/json',
      timestamp: Math.floor(event.createdAt.getTime() / 1000),
      appId: 'platform-relay',
      headers,
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    },
  };
}

/** The recorded event back from a message body; throws on anything that is not one. */
export function fromEventMessage(content: Buffer): RecordedEvent {
  const body = JSON.parse(content.toString('utf8')) as Partial<EventMessageBody>;
  if (typeof body.eventId !== 'string' || typeof body.type !== 'string' || typeof body.streamName !== 'string' || !body.position || typeof body.createdAt !== 'string') {
    throw new Error('Not an event message');
  }
  return {
    eventId: body.eventId,
    type: body.type,
    streamName: body.streamName,
    streamPosition: Number(body.streamPosition),
    position: body.position,
    data: body.data,
    metadata: body.metadata ?? {},
    createdAt: new Date(body.createdAt),
  };
}
