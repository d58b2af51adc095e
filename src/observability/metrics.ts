import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// One registry for the process, served at /metrics. Components add their metrics here.
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const commandsTotal = new Counter({
  name: 'platform_commands_total',
  help: 'Commands handled, by type and outcome',
  labelNames: ['type', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const commandDurationSeconds = new Histogram({
  name: 'platform_command_duration_seconds',
  help: 'Time to validate, decide and append one command',
  labelNames: ['type'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [metricsRegistry],
});

export const eventsAppendedTotal = new Counter({
  name: 'platform_events_appended_total',
  help: 'Events appended by the command pipeline',
  labelNames: ['category'] as const,
  registers: [metricsRegistry],
});

export const appendConflictsTotal = new Counter({
  name: 'platform_append_conflicts_total',
  help: 'Optimistic concurrency conflicts met by the command pipeline (each retried)',
  registers: [metricsRegistry],
});
