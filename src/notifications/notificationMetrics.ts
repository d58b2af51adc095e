import { Counter } from 'prom-client';
import { metricsRegistry } from '../observability/metrics';

export const notificationsTotal = new Counter({
  name: 'platform_notifications_total',
  help: 'Notifications by template and outcome: sent, failed_permanent, failed_transient (retried), suppressed, duplicate (already recorded)',
  labelNames: ['template', 'outcome'] as const,
  registers: [metricsRegistry],
});
