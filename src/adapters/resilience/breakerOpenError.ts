/**
 * The breaker in front of Docker or the instances cluster is open: the dependency is failing and the
 * call was not even tried. Sagas treat this as "pause and retry after retryAfterMs", never as a
 * failed step, so an outage does not turn into a wave of compensations (docs/architecture.md, Sagas).
 */
export class BreakerOpenError extends Error {
  constructor(readonly breaker: string, readonly retryAfterMs: number) {
    super(`circuit breaker ${breaker} is open; retry in about ${retryAfterMs} ms`);
    this.name = 'BreakerOpenError';
  }
}
