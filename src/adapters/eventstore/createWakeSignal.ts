export interface WakeSignal {
  /** Wake a pending `wait`; a signal with nobody waiting is remembered so the next wait returns at once. */
  signal(): void;
  /** Resolves on the next signal or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void>;
}

// Subscriptions sleep between reads; a remembered signal closes the race where an append lands
// after a read found nothing but before the subscriber started waiting.
export function createWakeSignal(): WakeSignal {
  let pending = false;
  let wake: (() => void) | null = null;
  return {
    signal() {
      if (wake) {
        const resolve = wake;
        wake = null;
        resolve();
      } else pending = true;
    },
    wait(timeoutMs) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve();
        }, timeoutMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
