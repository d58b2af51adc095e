/** Thrown by a handler for a message that can never succeed (malformed, unknown type, invalid):
 * it is dead-lettered at once instead of being retried up to the delivery limit. */
export class PermanentMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMessageError';
  }
}

/** A publisher confirm that did not arrive in time: amqplib never fires confirms of a channel that
 * closed, so every wait has a timeout and the caller republishes. */
export class ConfirmTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No publisher confirm within ${timeoutMs} ms`);
    this.name = 'ConfirmTimeoutError';
  }
}
