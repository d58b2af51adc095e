import type { LogPosition } from './eventStore';

/** The event store → RabbitMQ relay as the operator's `relay status` shows it. */
export interface RelayStatus {
  relay: string;
  /** null: the relay has not checkpointed yet. */
  checkpoint: LogPosition | null;
  checkpointedAt: Date | null;
  /** Whether some process holds the relay lock right now. */
  active: boolean;
  /** Events in the store after the checkpoint. */
  lagEvents: number;
  /** Age of the oldest event after the checkpoint; 0 when there is none. */
  lagSeconds: number;
}
