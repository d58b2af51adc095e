import CircuitBreaker from 'opossum';
import { breakerRejectionsTotal, breakerStateGauge } from './breakerMetrics';
import { BreakerOpenError } from './breakerOpenError';
import { isInfrastructureFailure } from './isInfrastructureFailure';

export interface CircuitBreakerOptions {
  /** Percentage of failed calls within the rolling window that opens the breaker. */
  errorThresholdPercentage: number;
  /** Calls in the window before the percentage is judged (a single failure must not open it). */
  volumeThreshold: number;
  /** Open → half-open after this long; one trial call then decides. */
  resetTimeoutMs: number;
  /** A call taking longer counts as failed; false for none. */
  callTimeoutMs: number | false;
  rollingWindowMs?: number;
  /** Which errors count against the dependency; default isInfrastructureFailure. */
  isFailure?: (error: unknown) => boolean;
}

export type BreakerState = 'closed' | 'halfOpen' | 'open';

export interface CircuitBreakerGuard {
  readonly name: string;
  /** Runs fn through the breaker; rejects with BreakerOpenError without calling fn while open. */
  fire<T>(fn: () => Promise<T>): Promise<T>;
  state(): BreakerState;
  shutdown(): void;
}

/** One opossum breaker per dependency (docker, instances-db), shared by every call to it. */
export function createCircuitBreaker(name: string, options: CircuitBreakerOptions): CircuitBreakerGuard {
  const isFailure = options.isFailure ?? isInfrastructureFailure;
  const breaker = new CircuitBreaker((fn: () => Promise<unknown>) => fn(), {
    name,
    timeout: options.callTimeoutMs,
    errorThresholdPercentage: options.errorThresholdPercentage,
    volumeThreshold: options.volumeThreshold,
    resetTimeout: options.resetTimeoutMs,
    rollingCountTimeout: options.rollingWindowMs ?? 10_000,
    // opossum: true = "do not count this error"
    errorFilter: (error: unknown) => !isFailure(error),
  });
  const gauge = breakerStateGauge.labels({ breaker: name });
  gauge.set(0);
  breaker.on('open', () => gauge.set(2));
  breaker.on('halfOpen', () => gauge.set(1));
  breaker.on('close', () => gauge.set(0));
  breaker.on('reject', () => breakerRejectionsTotal.inc({ breaker: name }));

  return {
    name,
    async fire<T>(fn: () => Promise<T>): Promise<T> {
      try {
        return (await breaker.fire(fn)) as T;
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') throw new BreakerOpenError(name, options.resetTimeoutMs);
        throw error;
      }
    },
    state: () => (breaker.opened ? 'open' : breaker.halfOpen ? 'halfOpen' : 'closed'),
    shutdown: () => breaker.shutdown(),
  };
}
