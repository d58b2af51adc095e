import { StepTimeoutError } from './sagaErrors';

/** Runs `work` with an AbortSignal that fires after `timeoutMs`; rejects then even if the work
 * ignores the signal (the step is idempotent, so a late finish is harmless). */
export async function runWithTimeout<T>(step: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new StepTimeoutError(step, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
