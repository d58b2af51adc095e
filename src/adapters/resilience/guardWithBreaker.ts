import type { CircuitBreakerGuard } from './createCircuitBreaker';

/**
 * The same adapter with every async method (except `exclude`) called through the breaker. Excluded are
 * calls that are long by nature (waiting for health, streaming a restore) or return streams
 * synchronously: a breaker timeout on them would count a slow Odoo boot against Docker.
 */
export function guardWithBreaker<T extends object>(adapter: T, breaker: CircuitBreakerGuard, exclude: ReadonlyArray<keyof T> = []): T {
  const guarded = { ...adapter } as Record<PropertyKey, unknown>;
  for (const key of Object.keys(adapter) as Array<keyof T>) {
    const member = adapter[key];
    if (typeof member !== 'function' || exclude.includes(key)) continue;
    guarded[key as PropertyKey] = (...args: unknown[]) => breaker.fire(() => (member as (...a: unknown[]) => Promise<unknown>).apply(adapter, args));
  }
  return guarded as T;
}
