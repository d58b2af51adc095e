import type { HandleCommand } from '../../commands/handleCommand';
import type { EventStore } from '../../ports/eventStore';
import type { PaymentGateway } from '../../ports/paymentGateway';
import type { SecretStore } from '../../ports/secretStore';

export interface PaymentSagaDeps {
  handleCommand: HandleCommand;
  store: Pick<EventStore, 'readStream'>;
  gateway: PaymentGateway;
  /** Holds the payer's phone between the pay request and the initiation (docs/decisions/051). */
  secrets: SecretStore;
  /** Polls start this soon after initiation and double up to `pollMaxMs`. */
  pollFirstMs: number;
  pollMaxMs: number;
  /** With no final status this long after the request: PaymentTimedOut. */
  timeoutMs: number;
}

/** Where the pay route leaves the payer's phone for the saga. */
export function payerPhoneSecret(reference: string): string {
  return `payment-phone/${reference}`;
}
