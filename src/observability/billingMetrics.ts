import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics';

/** Result-URL posts refused for a bad hash (each also a PaymentCallbackRejected audit event). */
export const paynowCallbackHashFailuresTotal = new Counter({
  name: 'platform_paynow_callback_hash_failures_total',
  help: 'Paynow result-URL posts refused because their hash did not verify',
  registers: [metricsRegistry],
});

/** From a verified callback's arrival to the invoice recorded paid (the callback's confirming poll). */
export const paymentCallbackToPaidSeconds = new Histogram({
  name: 'platform_payment_callback_to_paid_seconds',
  help: 'Time from a verified Paynow callback to its payment recorded on the invoice',
  buckets: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30],
  registers: [metricsRegistry],
});

/** What the daily reconciliation found: Paynow's final word differing from ours, by the pair. */
export const paymentDisagreementsTotal = new Counter({
  name: 'platform_payment_disagreements_total',
  help: 'Payments whose Paynow status disagreed with ours at reconciliation, by our status and Paynow\'s outcome',
  labelNames: ['ours', 'paynow'] as const,
  registers: [metricsRegistry],
});

/** Payment attempts by status, read from the payments read model at each scrape (wiring sets the reader). */
export function registerPaymentsByStatus(read: () => Promise<Record<string, number>>): Gauge<'status'> {
  const existing = metricsRegistry.getSingleMetric('platform_payments');
  if (existing) metricsRegistry.removeSingleMetric('platform_payments');
  return new Gauge({
    name: 'platform_payments',
    help: 'Payment attempts by status (requested, initiated, confirmed, failed, timedOut)',
    labelNames: ['status'] as const,
    registers: [metricsRegistry],
    async collect() {
      const counts = await read().catch(() => null);
      if (!counts) return;
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
}
