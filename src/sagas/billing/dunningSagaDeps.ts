import type { HandleCommand } from '../../commands/handleCommand';
import type { Currency } from '../../domain/billing/money';
import type { PriceCatalogue } from '../../domain/billing/priceCatalogue';
import type { EventStore } from '../../ports/eventStore';
import type { InstanceRouter } from '../../ports/instanceRouter';

/** What the sagas that act on a subscription's instance need (docs/decisions/052). */
export interface DunningSagaDeps {
  handleCommand: HandleCommand;
  store: Pick<EventStore, 'readStream'>;
  /** Shows the suspended page (Caddy); null when routing is label-driven (Traefik) or without Docker. */
  router: InstanceRouter | null;
  baseDomain: string;
  /** A new subscription's terms: the integration's currency (PAYNOW_CURRENCY) and the catalogue's trial. */
  subscriptions: { currency: Currency; trialDays: number };
  /** What a plan change's proration document is priced and taxed with (PLAN_PRICES, BILLING_*). */
  billing: { prices: PriceCatalogue; taxBasisPoints: number; paymentTermDays: number };
  /** How soon an instance busy with another operation, or still stopping, is looked at again. */
  recheckMs?: number;
}
