/** A publisher confirm that did not arrive in time: amqplib never fires confirms of a channel that
 * closed, so every wait has a timeout and the caller republishes. */
export class ConfirmTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`No publisher confirm within ${timeoutMs} ms`);
    this.name = 'ConfirmTimeoutError';
  }
}
