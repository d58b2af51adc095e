import type { EventStore } from '../../ports/eventStore';
import { userDecider } from '../../domain/user/userDecider';
import type { UserState } from '../../domain/user/userState';
import { userStream } from '../../domain/user/userStream';
import { aggregateStream } from '../aggregateStream';

/** A user's state folded from their own (short) stream: current the moment a command returns,
 * which the `users` read model is not. */
export async function readUserState(store: EventStore, userId: string): Promise<UserState> {
  return aggregateStream(store, userDecider, userStream(userId));
}
