export interface WakeSignal {
  /** Wake a pending `wait`; a signal with nobody waiting is remembered so the next wait returns at once. */
  signal(): void;
  /** Resolves on the next signal (true) or after `timeoutMs` (false), whichever comes first. */
  wait(timeoutMs: number): Promise<boolean>;
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
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          wake = null;
          resolve(false);
        }, timeoutMs);
        wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
  };
}
