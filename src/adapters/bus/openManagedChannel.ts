import type { ConfirmChannel } from 'amqplib';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Logger } from 'pino';

export interface ManagedChannel {
  /** The open, set-up channel, or null between a loss and the next successful setup. */
  current(): ConfirmChannel | null;
  /** Resolves with the next open channel (at once when there is one). */
  next(): Promise<ConfirmChannel>;
  close(): Promise<void>;
}

export interface ManagedChannelOptions {
  name: string;
  /** Runs on every new channel before it is handed out: declare topology, prefetch, consume. */
  setup(channel: ConfirmChannel): Promise<void>;
  retryMs?: number;
  logger?: Logger;
}

// amqp-connection-manager's ChannelWrapper only re-creates a channel when the *connection* comes
// back; a channel closed by a channel-level error (an ack of a stale delivery tag, a declare that
// does not match) would stay dead. This re-opens it on its own, and follows reconnects too.
export function openManagedChannel(connection: AmqpConnectionManager, options: ManagedChannelOptions): ManagedChannel {
  const retryMs = options.retryMs ?? 500;
  const log = options.logger?.child({ component: 'amqp-channel', channel: options.name });
  let closed = false;
  let channel: ConfirmChannel | null = null;
  let opening = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let waiters: Array<(channel: ConfirmChannel) => void> = [];

  const scheduleReopen = (): void => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void open();
    }, retryMs);
  };

  const open = async (): Promise<void> => {
    if (closed || opening || channel) return;
    const model = connection.connection;
    if (!model) return; // the manager's 'connect' event calls us again
    opening = true;
    let candidate: ConfirmChannel | null = null;
    try {
      candidate = await model.createConfirmChannel();
      const opened = candidate;
      // 'error' always precedes 'close'; without a listener it would crash the process.
      opened.on('error', (error: Error) => log?.warn({ err: error }, 'channel error'));
      opened.on('close', () => {
        if (channel === opened) channel = null;
        scheduleReopen();
      });
      await options.setup(opened);
      if (closed) {
        await opened.close().catch(() => undefined);
        return;
      }
      channel = opened;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve(opened);
    } catch (error) {
      log?.warn({ err: error }, 'channel setup failed; retrying');
      await candidate?.close().catch(() => undefined);
      scheduleReopen();
    } finally {
      opening = false;
    }
  };

  const onConnect = (): void => void open();
  connection.on('connect', onConnect);
  void open();

  return {
    current: () => channel,
    next: () => (channel ? Promise.resolve(channel) : new Promise((resolve) => waiters.push(resolve))),
    async close() {
      closed = true;
      connection.removeListener('connect', onConnect);
      if (retryTimer) clearTimeout(retryTimer);
      const open = channel;
      channel = null;
      await open?.close().catch(() => undefined);
    },
  };
}
