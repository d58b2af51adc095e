import { paymentOutcome } from '../ports/paymentGateway';
import { paymentDisagreementsTotal } from '../observability/billingMetrics';
import { reconcilePayments, type PaymentDisagreement, type ReconcilePaymentsDeps } from './reconcilePayments';

export interface PaymentReconciliationLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface PaymentReconciliationOptions extends Omit<ReconcilePaymentsDeps, 'onDisagreement' | 'onError'> {
  /** PAYMENT_RECONCILE_INTERVAL_MS: a day by default. */
  intervalMs: number;
  logger?: PaymentReconciliationLogger;
  /** false: no loop (tests run it when they choose). */
  autoStart?: boolean;
}

export interface PaymentReconciliation {
  run(): ReturnType<typeof reconcilePayments>;
  stop(): Promise<void>;
}

/** The worker's reconciliation loop: each disagreement is a warning log line (reference, invoice,
 * both statuses) and a count in platform_payment_disagreements_total. */
export function startPaymentReconciliation(options: PaymentReconciliationOptions): PaymentReconciliation {
  const { intervalMs, logger: log, autoStart, ...deps } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  const report = (d: PaymentDisagreement) => {
    paymentDisagreementsTotal.inc({ ours: d.ours, paynow: paymentOutcome(d.paynowStatus) });
    log?.warn({ ...d }, 'payment reconciliation: Paynow disagrees with our status');
  };
  const run = () => reconcilePayments({
    ...deps, onDisagreement: report,
    onError: (payment, error) => log?.warn({ err: error, reference: payment.reference }, 'payment reconciliation could not poll a payment; next run'),
  });
  const loop = () => {
    timer = null;
    current = run()
      .then((outcome) => log?.info({ polled: outcome.polled, disagreements: outcome.disagreements.length, failed: outcome.failed }, 'payment reconciliation done'))
      .catch((error: unknown) => log?.error({ err: error }, 'payment reconciliation failed'))
      .finally(() => { if (!stopped) timer = setTimeout(loop, intervalMs); });
  };
  if (autoStart !== false) timer = setTimeout(loop, intervalMs);
  return {
    run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      if (timer) clearTimeout(timer);
    },
  };
}
