import type { Decider } from '../../shared/decider';
import { decideSubscription } from './decideSubscription';
import { evolveSubscription } from './evolveSubscription';
import type { SubscriptionCommand } from './subscriptionCommands';
import type { SubscriptionEvent } from './subscriptionEvents';
import { initialState, type SubscriptionState } from './subscriptionState';

export const subscriptionDecider: Decider<SubscriptionState, SubscriptionCommand, SubscriptionEvent> = {
  initialState, decide: decideSubscription, evolve: evolveSubscription,
};
