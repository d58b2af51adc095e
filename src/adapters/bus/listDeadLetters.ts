import type { Channel } from 'amqplib';
import { busHeaders } from './busHeaders';
import type { BusNames } from '../../ports/busNames';
import type { DeadLetter } from '../../ports/deadLetterQueues';

/** Peeks at a group's DLQ without consuming it: messages are fetched unacked and handed back. */
export async function listDeadLetters(channel: Channel, names: BusNames, group: string, { limit = 100 }: { limit?: number } = {}): Promise<DeadLetter[]> {
  const queue = names.deadLetterQueue(group);
  await channel.checkQueue(queue);
  const letters: DeadLetter[] = [];
  try {
    while (letters.length < limit) {
      const message = await channel.get(queue, { noAck: false });
      if (!message) break;
      const headers = message.properties.headers ?? {};
      const firstDeath = (headers['x-death'] as Array<{ reason?: string }> | undefined)?.[0];
      letters.push({
        messageId: message.properties.messageId ?? null,
        type: message.properties.type ?? null,
        correlationId: message.properties.correlationId ?? null,
        error: stringOrNull(headers[busHeaders.lastError]),
        errorName: stringOrNull(headers[busHeaders.lastErrorName]),
        reason: headers[busHeaders.lastError] !== undefined ? 'handler_failed' : String(headers['x-first-death-reason'] ?? firstDeath?.reason ?? 'unknown'),
        failedAt: stringOrNull(headers[busHeaders.failedAt]),
        attempts: headers[busHeaders.retries] === undefined ? null : Number(headers[busHeaders.retries]),
        preview: message.content.toString('utf8').slice(0, 200),
      });
    }
  } finally {
    channel.nackAll(true);
  }
  return letters;
}

function stringOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}
