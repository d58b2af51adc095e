import type { Currency } from '../../domain/billing/money';

/** One Paynow integration (its id and key come from Paynow's merchant settings). */
export interface PaynowSettings {
  integrationId: string;
  /** Signs every message both ways; never logged, returned or put in an error. */
  integrationKey: string;
  /** https://www.paynow.co.zw, or the simulator's address (tests/support/paynowSimulator.ts). */
  baseUrl: string;
  /** Where Paynow posts status updates (our result-URL route). */
  resultUrl: string;
  /** Where Paynow sends the payer's browser back after a web checkout. */
  returnUrl: string;
  /** Sent as `authemail` on every initiation when set: in test mode Paynow only completes payments
   * whose authemail is the merchant's own login. Otherwise the payer's address is sent. */
  authEmail?: string;
  /** Upper bound of one HTTP exchange with Paynow. */
  timeoutMs: number;
  /** Paynow binds an integration to one currency: amounts in another are refused, not converted. */
  currency?: Currency;
}
