import type { ConfirmChannel } from 'amqplib';
import { redrivenTotal } from '../../observability/busMetrics';
import { busHeaders } from './busHeaders';
import { groupQueue, type BusNames } from '../../ports/busNames';
import { copyPublishOptions } from './copyPublishOptions';
import { publishConfirmed } from './publishConfirmed';

export interface RedriveOptions {
  /** Only the dead letters with this messageId; all of them when absent. */
  messageId?: string;
  confirmTimeoutMs?: number;
  /** The broker user of the channel's connection (copyPublishOptions): the command ingress trusts
   * a redriven command's publisher only when this is its own broker user. */
  brokerUser?: string;
}

/** Moves dead letters back to their group's queue with a fresh retry budget. Each copy is confirmed
 * before its dead letter is acked, so a crash mid-way duplicates at worst (the inbox absorbs it). */
export async function redriveDeadLetters(channel: ConfirmChannel, names: BusNames, group: string, options: RedriveOptions = {}): Promise<number> {
  const deadLetterQueue = names.deadLetterQueue(group);
  const target = groupQueue(names, group);
  await channel.checkQueue(deadLetterQueue);
  await channel.checkQueue(target);
  let redriven = 0;
  try {
    for (;;) {
      const message = await channel.get(deadLetterQueue, { noAck: false });
      if (!message) break;
      // Skipped ones stay unacked until the end, so `get` moves on to the next message.
      if (options.messageId !== undefined && message.properties.messageId !== options.messageId) continue;
      const headers: Record<string, unknown> = { ...message.properties.headers, [busHeaders.redrivenAt]: new Date().toISOString() };
      delete headers[busHeaders.retries];
      delete headers['x-delivery-count'];
      await publishConfirmed(channel, '', target, message.content, copyPublishOptions(message.properties, headers, options.brokerUser), options.confirmTimeoutMs ?? 10_000);
      channel.ack(message);
      redriven += 1;
      redrivenTotal.inc({ group });
    }
  } finally {
    channel.nackAll(true);
  }
  return redriven;
}
