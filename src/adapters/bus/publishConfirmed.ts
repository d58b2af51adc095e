import type { ConfirmChannel, Options } from 'amqplib';
import { ConfirmTimeoutError } from './confirmTimeoutError';
/** Publishes and waits for the broker's confirm; rejects on nack, on timeout and when the channel
 * is already closed, so the caller never acks an original whose copy may not exist. */
export function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConfirmTimeoutError(timeoutMs)), timeoutMs);
    try {
      channel.publish(exchange, routingKey, content, options, (error) => {
        clearTimeout(timer);
        if (error) reject(error instanceof Error ? error : new Error('Message nacked by the broker'));
        else resolve();
      });
    } catch (error) {
      clearTimeout(timer);
      reject(error);
    }
  });
}
