import { randomUUID } from 'node:crypto';
import type { Channel, ConsumeMessage } from 'amqplib';
import { v7 as uuidv7 } from 'uuid';
import { commandRoutingKey } from '../../ports/busNames';
import type { CommandMessage, CommandReply } from './commandMessage';

export interface SendCommandOptions {
  timeoutMs: number;
  /** The broker user this channel's connection logged in as: sent as the `user_id` property, which
   * the broker checks and the platform maps to a principal (AMQP_PUBLISHERS). A wrong one closes
   * the channel (PRECONDITION_FAILED). */
  userId: string;
  /** The idempotency key: pass the same one when retrying after a timeout. Default: a new UUIDv7. */
  messageId?: string;
  /** Default `platform.command-ingress` (the only exchange an external publisher may write to). */
  exchange?: string;
}

export class SendCommandTimeoutError extends Error {
  constructor(readonly messageId: string, readonly timeoutMs: number) {
    super(`No reply to command ${messageId} within ${timeoutMs} ms; resend with the same messageId to get its result`);
    this.name = 'SendCommandTimeoutError';
  }
}

interface Pending {
  resolve(reply: CommandReply): void;
  reject(error: Error): void;
}

const directReplyTo = 'amq.rabbitmq.reply-to';
const routers = new WeakMap<Channel, Promise<Map<string, Pending>>>();

/** Sends a command to the platform over AMQP and waits for its reply (RabbitMQ direct reply-to, the
 * only reply address the platform answers: no reply queue to declare or clean up, and nobody else
 * can read it). One reply consumer per channel serves every call on it. */
export async function sendCommand(channel: Channel, command: CommandMessage, options: SendCommandOptions): Promise<CommandReply> {
  const pending = await replyRouter(channel);
  const messageId = options.messageId ?? uuidv7();
  const correlationId = randomUUID();
  return new Promise<CommandReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(correlationId);
      reject(new SendCommandTimeoutError(messageId, options.timeoutMs));
    }, options.timeoutMs);
    pending.set(correlationId, {
      resolve: (reply) => {
        clearTimeout(timer);
        resolve(reply);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    try {
      channel.publish(options.exchange ?? 'platform.command-ingress', commandRoutingKey, Buffer.from(JSON.stringify(command)), {
        messageId,
        userId: options.userId,
        correlationId,
        replyTo: directReplyTo,
        contentType: 'application/json',
        type: command.type,
        persistent: true,
      });
    } catch (error) {
      pending.get(correlationId)?.reject(error as Error);
      pending.delete(correlationId);
    }
  });
}

function replyRouter(channel: Channel): Promise<Map<string, Pending>> {
  let router = routers.get(channel);
  if (!router) {
    const pending = new Map<string, Pending>();
    router = channel
      .consume(
        directReplyTo,
        (message: ConsumeMessage | null) => {
          if (!message) return;
          const waiter = pending.get(message.properties.correlationId as string);
          if (!waiter) return; // a reply that arrived after its timeout
          pending.delete(message.properties.correlationId as string);
          try {
            waiter.resolve(JSON.parse(message.content.toString('utf8')) as CommandReply);
          } catch (error) {
            waiter.reject(error as Error);
          }
        },
        { noAck: true },
      )
      .then(() => {
        channel.on('close', () => {
          for (const waiter of pending.values()) waiter.reject(new Error('Channel closed before the reply arrived'));
          pending.clear();
        });
        return pending;
      })
      .catch((error: unknown) => {
        routers.delete(channel);
        throw error;
      });
    routers.set(channel, router);
  }
  return router;
}
