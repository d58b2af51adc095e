import pg from 'pg';

export interface AdvisoryLock {
  /** True once the lock connection failed: PostgreSQL released the lock with the session. */
  isLost(): boolean;
  /** Called once when the lock is lost (not on release). */
  onLost(listener: (error: unknown) => void): void;
  release(): Promise<void>;
}

export interface TryAdvisoryLockOptions {
  /** How often the idle lock connection is probed, so a silently dead one is noticed. */
  heartbeatMs?: number;
}

/** Takes a session advisory lock on a DEDICATED connection held until release: the lock lives
 * exactly as long as that session, so a crashed holder frees it. A plain client (not a pool slot,
 * and not Kysely's connection(), whose checked-out client has no 'error' listener and would crash
 * the process when its backend is terminated) with our own error handler. Returns null when taken. */
export async function tryAdvisoryLock(pool: pg.Pool, key: string, options: TryAdvisoryLockOptions = {}): Promise<AdvisoryLock | null> {
  const client = new pg.Client({ ...pool.options, keepAlive: true });
  let lost = false;
  let released = false;
  const listeners: Array<(error: unknown) => void> = [];
  let heartbeat: NodeJS.Timeout | null = null;

  const markLost = (error: unknown): void => {
    if (lost || released) return;
    lost = true;
    if (heartbeat) clearInterval(heartbeat);
    for (const listener of listeners) listener(error);
    void client.end().catch(() => undefined);
  };
  client.on('error', markLost);

  try {
    await client.connect();
    const { rows } = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS acquired', [key]);
    if (!rows[0]?.acquired) {
      released = true;
      await client.end().catch(() => undefined);
      return null;
    }
  } catch (error) {
    released = true;
    await client.end().catch(() => undefined);
    throw error;
  }

  heartbeat = setInterval(() => {
    client.query('SELECT 1').catch(markLost);
  }, options.heartbeatMs ?? 2000);
  heartbeat.unref();

  return {
    isLost: () => lost,
    onLost(listener) {
      listeners.push(listener);
    },
    async release() {
      if (released) return;
      released = true;
      if (heartbeat) clearInterval(heartbeat);
      // Ending the session releases the lock; an explicit unlock first frees it without waiting
      // for the backend to notice the disconnect.
      if (!lost) await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
