import type { EventStore } from '../../ports/eventStore';
import { readUserState } from '../../commands/identity/readUserState';
import type { CallerFacts } from '../../domain/authorization/callerFacts';

export type CallerFactsLoader = (userId: string) => Promise<CallerFacts>;

/** From the person's own stream, not the `users` read model: verified a moment ago counts at once. */
export function createCallerFactsLoader(store: EventStore): CallerFactsLoader {
  return async (userId) => {
    const state = await readUserState(store, userId);
    return { emailVerified: state.status === 'active' && state.emailVerified };
  };
}
