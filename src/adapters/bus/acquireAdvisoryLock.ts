import pg from 'pg';

export interface HeldLock {
  /** The session holding the lock: queries on it are fenced by it. */
  client: pg.Client;
  /** Resolves when the lock's connection ends, i.e. the lock is gone. */
  lost: Promise<void>;
  release(): Promise<void>;
}

/** Waits until this process holds a session-level advisory lock (one relay active at a time). The
 * lock lives and dies with a dedicated connection: if this process dies or its connection drops,
 * PostgreSQL releases it and a standby's next attempt takes over. Resolves null once `stopped()`. */
export async function acquireAdvisoryLock(
  pool: pg.Pool,
  key: string,
  options: { retryMs: number; stopped(): boolean; onError?(error: unknown): void },
): Promise<HeldLock | null> {
  while (!options.stopped()) {
    const client = new pg.Client(pool.options);
    let markLost: () => void = () => undefined;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    client.on('error', (error) => {
      options.onError?.(error);
      markLost();
    });
    client.on('end', () => markLost());
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
      if (rows[0]?.locked) {
        return { client, lost, release: () => client.end().catch(() => undefined) };
      }
    } catch (error) {
      options.onError?.(error);
    }
    await client.end().catch(() => undefined);
    await sleepUnless(options.retryMs, options.stopped);
  }
  return null;
}

async function sleepUnless(ms: number, stopped: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!stopped() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, Math.min(50, until - Date.now())));
}
