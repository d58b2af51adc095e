import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../../observability/metrics';

/** 0 closed, 1 half-open, 2 open: "is anything paused because a dependency is down?" at a glance. */
export const breakerStateGauge = new Gauge({
  name: 'platform_circuit_breaker_state',
  help: 'Circuit breaker state by breaker: 0 closed, 1 half-open, 2 open',
  labelNames: ['breaker'] as const,
  registers: [metricsRegistry],
});

export const breakerRejectionsTotal = new Counter({
  name: 'platform_circuit_breaker_rejections_total',
  help: 'Calls refused without being tried because their breaker was open',
  labelNames: ['breaker'] as const,
  registers: [metricsRegistry],
});
