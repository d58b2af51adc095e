import { paymentOutcome, type PaymentGateway, type PaymentStatus } from '../ports/paymentGateway';
import type { UnsettledPayment } from '../projections/billing/queryPayments';

export interface PaymentDisagreement {
  reference: string;
  invoiceId: string;
  tenantId: string;
  ours: UnsettledPayment['status'];
  paynowStatus: PaymentStatus;
}

export interface ReconcilePaymentsDeps {
  gateway: Pick<PaymentGateway, 'pollPayment'>;
  unsettled(): Promise<UnsettledPayment[]>;
  /** One disagreement: logged and counted by the caller (or the operator's report). */
  onDisagreement(disagreement: PaymentDisagreement): void;
  /** A payment Paynow could not be asked about; the next run tries again. */
  onError?(payment: UnsettledPayment, error: unknown): void;
}

/**
 * The daily reconciliation (issue 15 item 8): polls every payment that has no final status with us
 * and reports those where Paynow's is final and not ours: money taken that we did not record
 * (Paid while we timed out or still wait) or an attempt Paynow ended that we still count open.
 * It changes nothing: the payment's own saga or an operator acts on a report.
 */
export async function reconcilePayments(deps: ReconcilePaymentsDeps): Promise<{ polled: number; disagreements: PaymentDisagreement[]; failed: number }> {
  const disagreements: PaymentDisagreement[] = [];
  let polled = 0;
  let failed = 0;
  for (const payment of await deps.unsettled()) {
    try {
      const report = await deps.gateway.pollPayment(payment.pollUrl);
      polled += 1;
      if (paymentOutcome(report.status) === 'pending') continue;
      const disagreement = { reference: payment.reference, invoiceId: payment.invoiceId, tenantId: payment.tenantId, ours: payment.status, paynowStatus: report.status };
      disagreements.push(disagreement);
      deps.onDisagreement(disagreement);
    } catch (error) {
      failed += 1;
      if (!deps.onError) throw error;
      deps.onError(payment, error);
    }
  }
  return { polled, disagreements, failed };
}
