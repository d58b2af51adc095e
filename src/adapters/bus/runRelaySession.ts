import type { ConfirmChannel } from 'amqplib';
import type { EventStore, LogPosition, RecordedEvent } from '../../ports/eventStore';
import { relayConfirmedTotal, relayPublishedTotal } from '../../observability/busMetrics';
import { catchUpThenSubscribe } from './catchUpThenSubscribe';
import { toEventMessage } from './eventMessage';
import { ConfirmTimeoutError } from './confirmTimeoutError';
export interface RelaySessionOptions {
  relay: string;
  store: EventStore;
  channel: ConfirmChannel;
  exchange: string;
  after: LogPosition | null;
  /** Unconfirmed publishes in flight at most. */
  window: number;
  /** Events per `$all` read while catching up. */
  batchSize?: number;
  confirmTimeoutMs: number;
  /** Checkpoint writes at most this often: each is a commit (an fsync) competing with the broker's
   * own disk writes, while a crash only costs republishing what the interval covered. */
  checkpointEveryMs?: number;
  /** Persists the position of the last event whose publish, and every earlier one, is confirmed. */
  saveCheckpoint(position: LogPosition, event: RecordedEvent): Promise<void>;
  onReadError?(error: unknown): void;
}

export interface RelaySession {
  /** Rejects when the session fails (nack, confirm timeout, channel lost, checkpoint write). */
  failed: Promise<never>;
  /** Stops reading, waits (bounded) for outstanding confirms and writes the last checkpoint. */
  stop(): Promise<void>;
}

interface Pending {
  event: RecordedEvent;
  sentAt: number;
  confirmed: boolean;
}

/** One relay run on one channel: `$all` from the checkpoint → confirm-publish in a window →
 * checkpoint after confirms. Any failure ends the session; the owner starts a new one from the
 * saved checkpoint, so whatever was unconfirmed is published again (at-least-once). */
export function runRelaySession(options: RelaySessionOptions): RelaySession {
  const pending: Pending[] = [];
  let head = 0;
  let failure: Error | null = null;
  let rejectFailed: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_resolve, reject) => (rejectFailed = reject));
  failed.catch(() => undefined);
  let slotWaiter: (() => void) | null = null;
  let confirmedUpTo: RecordedEvent | null = null;
  let savedUpTo: RecordedEvent | null = null;
  let saving: Promise<void> | null = null;
  let lastSaveAt = 0;
  let saveTimer: NodeJS.Timeout | null = null;
  const checkpointEveryMs = options.checkpointEveryMs ?? 100;

  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    rejectFailed(error);
    wakeSlot();
  };
  const wakeSlot = (): void => {
    const waiter = slotWaiter;
    slotWaiter = null;
    waiter?.();
  };
  const outstanding = (): number => pending.length - head;

  const saveCheckpoint = (force = false): void => {
    if (saving || saveTimer || failure || !confirmedUpTo || confirmedUpTo === savedUpTo) return;
    const wait = lastSaveAt + checkpointEveryMs - Date.now();
    if (wait > 0 && !force) {
      saveTimer = setTimeout(() => {
        saveTimer = null;
        saveCheckpoint();
      }, wait);
      return;
    }
    lastSaveAt = Date.now();
    const target = confirmedUpTo;
    saving = options
      .saveCheckpoint(target.position, target)
      .then(
        () => {
          savedUpTo = target;
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      )
      .finally(() => {
        saving = null;
        saveCheckpoint(outstanding() === 0);
      });
  };

  const advance = (): void => {
    while (head < pending.length && pending[head]!.confirmed) {
      confirmedUpTo = pending[head]!.event;
      head += 1;
    }
    if (head > 4096) {
      pending.splice(0, head);
      head = 0;
    }
    wakeSlot();
    // Drained (caught up, or between reads): checkpoint now rather than at the next tick.
    saveCheckpoint(outstanding() === 0);
  };

  // Counted locally and flushed by the watchdog: two labelled counter updates per event cost more
  // than the rest of the relay's own work.
  const counts = { published: 0, confirmed: 0 };
  const flushCounts = (): void => {
    relayPublishedTotal.inc({ relay: options.relay }, counts.published);
    relayConfirmedTotal.inc({ relay: options.relay }, counts.confirmed);
    counts.published = 0;
    counts.confirmed = 0;
  };

  const onClose = (): void => fail(new Error('Channel closed'));
  options.channel.on('close', onClose);

  // amqplib never confirms on a channel that died quietly: a stuck oldest publish fails the session.
  const watchdog = setInterval(() => {
    flushCounts();
    const oldest = pending[head];
    if (oldest && Date.now() - oldest.sentAt > options.confirmTimeoutMs) fail(new ConfirmTimeoutError(options.confirmTimeoutMs));
  }, Math.max(50, Math.min(1000, Math.floor(options.confirmTimeoutMs / 4))));

  const publish = async (event: RecordedEvent): Promise<void> => {
    while (!failure && outstanding() >= options.window) await new Promise<void>((resolve) => (slotWaiter = resolve));
    if (failure) throw failure;
    const entry: Pending = { event, sentAt: Date.now(), confirmed: false };
    pending.push(entry);
    const { routingKey, content, options: publishOptions } = toEventMessage(event);
    options.channel.publish(options.exchange, routingKey, content, publishOptions, (error) => {
      if (error) {
        fail(new Error(`Broker nacked event ${event.eventId}`));
        return;
      }
      entry.confirmed = true;
      counts.confirmed += 1;
      advance();
    });
    counts.published += 1;
  };

  const subscription = catchUpThenSubscribe(options.store, {
    after: options.after,
    batchSize: options.batchSize ?? 1000,
    onEvent: async (event) => {
      try {
        await publish(event);
      } catch (error) {
        // The subscription stops on a handler error; the session ends with it.
        fail(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    // Read errors are retried by the reader itself.
    onError: (error) => {
      if (!failure) options.onReadError?.(error);
    },
  });

  return {
    failed,
    async stop() {
      await subscription.stop();
      const deadline = Date.now() + options.confirmTimeoutMs;
      while (!failure && outstanding() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      if (saveTimer) clearTimeout(saveTimer);
      saveTimer = null;
      while (saving) await saving;
      saveCheckpoint(true);
      while (saving) await saving;
      clearInterval(watchdog);
      flushCounts();
      options.channel.removeListener('close', onClose);
    },
  };
}
