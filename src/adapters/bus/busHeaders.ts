// Headers the bus adds to messages it retries or dead-letters (`x-death` is the broker's own).
export const busHeaders = {
  /** Handler failures so far; drives the backoff and the delivery limit. */
  retries: 'x-platform-retries',
  lastError: 'x-platform-error',
  lastErrorName: 'x-platform-error-name',
  failedAt: 'x-platform-failed-at',
  /** The queue a dead-lettered message came from, used by redrive. */
  deadLetteredFrom: 'x-platform-dead-lettered-from',
  redrivenAt: 'x-platform-redriven-at',
  /** The broker user that first published a message, carried by the copies the platform makes
   * (retries, dead letters, redrives), which the broker lets carry only the copier's own user_id.
   * Trusted only on a message whose user_id is the platform's own (messagePublisher). */
  publisher: 'x-platform-publisher',
} as const;

export function retriesOf(headers: Record<string, unknown> | undefined): number {
  const value = Number(headers?.[busHeaders.retries] ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** Error text kept short: headers travel with every copy, and a stack trace tells the operator no more. */
export function describeError(error: unknown): { name: string; message: string } {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { name, message: message.length > 1000 ? `${message.slice(0, 1000)}…` : message };
}
