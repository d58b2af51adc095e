import type pg from 'pg';

export interface Notifier {
  /** Schedules a NOTIFY; bursts of appends collapse into one in flight plus at most one queued. */
  notify(): void;
  close(): Promise<void>;
}

// NOTIFY is sent after the append committed, as its own statement, rather than inside the append:
// a notifying transaction holds PostgreSQL's global notify-queue lock through its commit, which would
// serialise every append's commit. Losing a NOTIFY is harmless: subscribers also poll.
export function createNotifier(pool: pg.Pool, channel: string): Notifier {
  let inFlight: Promise<void> | null = null;
  let queued = false;
  let closed = false;

  const send = (): void => {
    inFlight = pool
      .query("SELECT pg_notify($1, '')", [channel])
      .then(() => undefined, () => undefined)
      .then(() => {
        inFlight = null;
        if (queued && !closed) {
          queued = false;
          send();
        }
      });
  };

  return {
    notify() {
      if (closed) return;
      if (inFlight) queued = true;
      else send();
    },
    async close() {
      closed = true;
      while (inFlight) await inFlight;
    },
  };
}
