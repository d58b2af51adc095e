import type { LogPosition } from '../ports/eventStore';

/** What a caller (HTTP, AMQP, CLI, saga) hands to the pipeline; `data` is validated by type. */
export interface CommandEnvelope {
  type: string;
  data: unknown;
  metadata: CommandMetadata;
}

export interface CommandMetadata {
  /** Idempotency key: a repeated commandId returns the first result and appends nothing. */
  commandId: string;
  /** A user id or `system:<component>`; set by the ingress, never trusted from a body. */
  actor: string;
  tenantId?: string;
  correlationId: string;
  causationId?: string;
}

export interface CommandResult {
  commandId: string;
  streamName: string;
  nextExpectedVersion: number;
  /** `$all` position of the command's last event (what read-your-writes waits for). */
  position: LogPosition | null;
}
