import { subscriptionDecider } from '../domain/billing/subscription/subscriptionDecider';
import { subscriptionStream } from '../domain/billing/subscription/subscriptionStream';
import type { InstanceCommand } from '../domain/instance/instanceCommands';
import { DomainError } from '../domain/shared/decider';
import type { EventStore } from '../ports/eventStore';
import { aggregateStream } from './aggregateStream';

/** A suspended subscription's instance stays stopped until the invoice is paid (or an operator
 * extends the grace), a cancelled one's until it is deleted: its owner cannot start it meanwhile
 * (docs/decisions/052). Without a subscription (billing off) nothing holds it. */
export async function refuseWhileBillingHolds(command: InstanceCommand, store: Pick<EventStore, 'readStream'>): Promise<void> {
  const { status } = await aggregateStream(store, subscriptionDecider, subscriptionStream(command.data.instanceId));
  if (status === 'suspended') throw new DomainError('subscription-suspended', 'This instance is suspended for an unpaid invoice; paying it starts the instance again');
  if (status === 'cancelled') throw new DomainError('subscription-cancelled', 'This instance\'s subscription is cancelled; it stays stopped until it is deleted');
}
