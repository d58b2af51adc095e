// Consumer groups' dead-letter queues (docs/architecture.md, Bus), as the operator's `dlq` verbs see them.

export interface DeadLetter {
  messageId: string | null;
  type: string | null;
  correlationId: string | null;
  /** Our own record of the failure, or the broker's `x-death` reason (e.g. `delivery_limit`). */
  error: string | null;
  errorName: string | null;
  reason: string;
  failedAt: string | null;
  attempts: number | null;
  /** The first 200 characters of the body, to recognise the message by. */
  preview: string;
}

export interface DeadLetterQueues {
  /** Peeks at a group's dead letters without consuming them (`commands` is the command ingress). */
  list(group: string, options?: { limit?: number }): Promise<DeadLetter[]>;
  /** Moves the group's dead letters (only the one of `messageId` when given) back to its queue with a
   * fresh retry budget; returns how many. */
  redrive(group: string, options?: { messageId?: string }): Promise<number>;
  close(): Promise<void>;
}
