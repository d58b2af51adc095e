import { createPaynowGateway } from '../adapters/paynow/createPaynowGateway';
import { paynowSettingsFromConfig } from '../adapters/paynow/paynowSettingsFromConfig';
import { createCircuitBreaker } from '../adapters/resilience/createCircuitBreaker';
import type { Config } from '../config';
import { PaymentGatewayUnavailableError, type PaymentGateway } from '../ports/paymentGateway';
import { breakerOptionsFromConfig } from './breakerOptionsFromConfig';

/** Paynow when PAYNOW_* are set, null when billing is off (docs/decisions/047). Only an unreachable
 * Paynow opens the breaker: a refusal or a bad hash is an answer, not an outage. */
export function paymentGatewayFromConfig(config: Config): PaymentGateway | null {
  const settings = paynowSettingsFromConfig(config);
  if (!settings) return null;
  const breaker = createCircuitBreaker('paynow', { ...breakerOptionsFromConfig(config), isFailure: (error) => error instanceof PaymentGatewayUnavailableError });
  return createPaynowGateway(settings, { breaker });
}
