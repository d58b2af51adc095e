import pg from 'pg';

export interface AppendListener {
  close(): Promise<void>;
}

/** LISTENs on a dedicated connection (not a pool slot: it is held for the subscription's life) and
 * calls `onAppended` per notification. A lost connection is re-established after `retryMs`; until
 * then the subscription's polling fallback keeps delivering, only slower. */
export function listenForAppends(
  pool: pg.Pool,
  channel: string,
  onAppended: () => void,
  options: { retryMs: number; onError?(error: unknown): void },
): AppendListener {
  let closed = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const next = new pg.Client(pool.options);
    next.on('notification', () => onAppended());
    next.on('error', (error) => {
      options.onError?.(error);
      void reconnect(next);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      options.onError?.(error);
      await reconnect(next);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    // Events appended while we were not listening are found by the next read.
    onAppended();
  };

  const reconnect = async (failed: pg.Client): Promise<void> => {
    if (client === failed) client = null;
    await failed.end().catch(() => undefined);
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!closed) void connect();
    }, options.retryMs);
  };

  const connecting = connect();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await connecting;
      const current = client;
      client = null;
      if (current) {
        await current.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
