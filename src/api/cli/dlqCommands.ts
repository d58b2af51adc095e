import amqplib from 'amqplib';
import { brokerUserOf } from '../../adapters/bus/brokerUserOf';
import { busNamesFromConfig } from '../../adapters/bus/busNames';
import { amqpUrlWithVhost } from '../../adapters/bus/createAmqpConnection';
import { listDeadLetters } from '../../adapters/bus/listDeadLetters';
import { redriveDeadLetters } from '../../adapters/bus/redriveDeadLetters';
import type { Config } from '../../config';

export type DlqConfig = Pick<Config, 'AMQP_URL' | 'AMQP_VHOST' | 'BUS_NAME_PREFIX' | 'BUS_EVENTS_EXCHANGE' | 'BUS_COMMAND_QUEUE' | 'RELAY_CONFIRM_TIMEOUT_MS'>;

/** `dlq list <consumer>`: peeks at a group's dead letters (`commands` is the command ingress). */
export async function dlqList(deps: { config: DlqConfig }, group: string, options: { limit?: number; json?: boolean }, write: (line: string) => void): Promise<number> {
  return withChannel(deps.config, async (channel) => {
    const letters = await listDeadLetters(channel, busNamesFromConfig(deps.config), group, { limit: options.limit });
    if (options.json) for (const letter of letters) write(JSON.stringify(letter));
    else {
      for (const letter of letters) {
        write(`${letter.messageId ?? '(no id)'} ${letter.type ?? ''} ${letter.reason}${letter.attempts !== null ? ` after ${letter.attempts} attempts` : ''}${letter.failedAt ? ` at ${letter.failedAt}` : ''}`);
        if (letter.error) write(`    ${letter.errorName ?? 'Error'}: ${letter.error}`);
      }
      write(`${letters.length} dead letter(s) in ${group}${options.limit !== undefined && letters.length >= options.limit ? ' (limit reached)' : ''}`);
    }
    return letters.length;
  });
}

/** `dlq redrive <consumer> [--id <messageId>]`: moves dead letters back to the group's queue. */
export async function dlqRedrive(deps: { config: DlqConfig }, group: string, options: { id?: string }, write: (line: string) => void): Promise<number> {
  return withChannel(deps.config, async (channel) => {
    const redriven = await redriveDeadLetters(channel, busNamesFromConfig(deps.config), group, {
      messageId: options.id, confirmTimeoutMs: deps.config.RELAY_CONFIRM_TIMEOUT_MS, brokerUser: brokerUserOf(deps.config.AMQP_URL),
    });
    write(`${redriven} message(s) redriven to ${group}${options.id ? ` (id ${options.id})` : ''}`);
    return redriven;
  });
}

// A short-lived plain connection: an operator command should fail fast, not reconnect forever.
async function withChannel<T>(config: DlqConfig, work: (channel: amqplib.ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await amqplib.connect(amqpUrlWithVhost(config.AMQP_URL, config.AMQP_VHOST), { clientProperties: { connection_name: 'cli' } });
  // A closed channel (e.g. 404 for an unknown queue) also rejects the operation; without listeners
  // the same error would crash the process as an unhandled 'error' event.
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    return await work(channel);
  } catch (error) {
    if ((error as { code?: number }).code === 404) {
      throw new Error(`No such queue: ${(error as Error).message.replace(/^.*NOT_FOUND - /, '').replace(/"$/, '')}. Is the consumer group name right (e.g. notifier, commands)?`, { cause: error });
    }
    throw error;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
