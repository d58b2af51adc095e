import type { Decider } from '../domain/shared/decider';
import type { EventStore, RecordedEvent } from '../ports/eventStore';

type Fold<State, Event> = Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>;

/** Recorded events folded with a decider's evolve: the one fold of a stream into its state (the
 * command pipeline's, src/commands/handleCommand.ts, works the same on the history it read). */
export function foldStream<State, Event>(decider: Fold<State, Event>, events: readonly RecordedEvent[]): State {
  return events.reduce((state, event) => decider.evolve(state, event as unknown as Event), decider.initialState());
}

/** An aggregate as its own stream says now, never a lagging read model: for sagas, preconditions,
 * authorization and lookups that must see what the aggregate would decide on. */
export async function aggregateStream<State, Event>(store: Pick<EventStore, 'readStream'>, decider: Fold<State, Event>, streamName: string): Promise<State> {
  return foldStream(decider, await store.readStream(streamName));
}
