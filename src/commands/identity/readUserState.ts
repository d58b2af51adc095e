import type { EventStore } from '../../ports/eventStore';
import { userDecider } from '../../domain/user/userDecider';
import type { UserEvent } from '../../domain/user/userEvents';
import type { UserState } from '../../domain/user/userState';

/** A user's state folded from their own (short) stream: current the moment a command returns,
 * which the `users` read model is not. */
export async function readUserState(store: EventStore, userId: string): Promise<UserState> {
  const events = await store.readStream(`user-${userId}`);
  return events.reduce((state, event) => userDecider.evolve(state, event as unknown as UserEvent), userDecider.initialState());
}
