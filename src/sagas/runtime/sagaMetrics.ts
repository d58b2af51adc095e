import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../../observability/metrics';

export const sagaStepsTotal = new Counter({
  name: 'platform_saga_steps_total',
  help: 'Saga step executions by saga, step, phase (run/compensate) and outcome (completed/failed/paused/deferred)',
  labelNames: ['saga', 'step', 'phase', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const sagaStepDurationSeconds = new Histogram({
  name: 'platform_saga_step_duration_seconds',
  help: 'Duration of saga steps that completed',
  labelNames: ['saga', 'step'] as const,
  // Up to an hour: an Odoo init, a large restore or a final backup takes many minutes.
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600],
  registers: [metricsRegistry],
});

export const sagasFinishedTotal = new Counter({
  name: 'platform_sagas_finished_total',
  help: 'Sagas that reached an end, by outcome (succeeded/compensated/cancelled)',
  labelNames: ['saga', 'outcome'] as const,
  registers: [metricsRegistry],
});
