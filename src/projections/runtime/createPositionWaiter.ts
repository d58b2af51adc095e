import { sql } from 'kysely';
import type { LogPosition } from '../../ports/eventStore';
import { isAtOrAfter } from './isAtOrAfter';
import type { ProjectionDb } from './projection';
import { checkpointsRef, toPosition } from './projectionCheckpoint';

export interface PositionWaiter {
  /** Read-your-writes (`minPosition`): true once projection `name` has applied `position`, false
   * after `timeoutMs`. Works in any process: it reads the checkpoint table, not the runner. */
  waitForPosition(name: string, position: LogPosition, timeoutMs: number): Promise<boolean>;
  /** Resolves every pending wait with false. */
  close(): void;
}

export interface PositionWaiterOptions {
  db: ProjectionDb;
  schema: string;
  /** Checkpoint poll period while at least one wait is pending; nothing is polled otherwise. */
  pollIntervalMs?: number;
}

interface Waiter {
  name: string;
  position: LogPosition;
  resolve(reached: boolean): void;
}

/** One poller per process shared by all pending waits: each tick is one primary-key read of the
 * small checkpoint table, whatever the number of waiting requests. */
export function createPositionWaiter({ db, schema, pollIntervalMs = 5 }: PositionWaiterOptions): PositionWaiter {
  const waiters = new Set<Waiter>();
  // Checkpoints never move backwards (a rebuild swaps only once it has caught up), so the highest
  // one seen answers waits for older positions without a query.
  const known = new Map<string, LogPosition>();
  let polling = false;
  let closed = false;

  const settle = (waiter: Waiter, reached: boolean): void => {
    if (waiters.delete(waiter)) waiter.resolve(reached);
  };

  const poll = async (): Promise<void> => {
    polling = true;
    try {
      while (waiters.size > 0 && !closed) {
        const names = [...new Set([...waiters].map((waiter) => waiter.name))];
        try {
          const { rows } = await sql<{ name: string; transaction_id: number; global_position: number }>`
            SELECT name, transaction_id, global_position FROM ${checkpointsRef(schema)} WHERE name = ANY(${names})`.execute(db);
          for (const row of rows) {
            const checkpoint = toPosition(Number(row.transaction_id), Number(row.global_position));
            if (checkpoint) known.set(row.name, checkpoint);
            for (const waiter of waiters) {
              if (waiter.name === row.name && isAtOrAfter(checkpoint, waiter.position)) settle(waiter, true);
            }
          }
        } catch {
          // Table not created yet or connection trouble: the waits time out rather than fail.
        }
        if (waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
      }
    } finally {
      polling = false;
    }
  };

  return {
    waitForPosition(name, position, timeoutMs) {
      if (closed) return Promise.resolve(false);
      if (isAtOrAfter(known.get(name) ?? null, position)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => settle(waiter, false), timeoutMs);
        const waiter: Waiter = {
          name,
          position,
          resolve: (reached) => {
            clearTimeout(timer);
            resolve(reached);
          },
        };
        waiters.add(waiter);
        if (!polling) void poll();
      });
    },
    close() {
      closed = true;
      for (const waiter of [...waiters]) settle(waiter, false);
    },
  };
}
