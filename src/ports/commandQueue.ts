import type { ConfirmChannel, ConsumeMessage } from 'amqplib';

// The AMQP command ingress (src/api/amqp) handles the messages of the command queue; the queue, its
// retries and dead letters are the bus adapter's (consumeCommandQueue, docs/architecture.md, Bus).

export interface CommandMessageContext {
  /** The channel the message came on: replies go out on it (direct reply-to). */
  channel: ConfirmChannel;
  /** The broker user that published the message, as far as the broker vouches for it (null: nobody). */
  publisher: string | null;
}

export interface CommandMessageHandler {
  /** Resolves → ack. Throws → a delayed retry, or the DLQ once the limit is reached or at once for a
   * PermanentMessageError. */
  handle(message: ConsumeMessage, context: CommandMessageContext): Promise<'handled' | 'rejected'>;
  /** Called before a message is dead-lettered. */
  onDeadLetter(message: ConsumeMessage, error: unknown, context: Pick<CommandMessageContext, 'channel'>): Promise<void>;
}
