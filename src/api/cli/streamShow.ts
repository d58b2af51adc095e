import type { EventStore } from '../../ports/eventStore';
import { formatLogPosition } from '../../ports/logPosition';
import { commandHandlers } from '../../commands/commandHandlers';
import { deciderForStream } from '../../commands/deciderForStream';

export interface StreamShowOptions {
  /** Fold only up to and including this stream version: the aggregate as it was then. */
  at?: number;
}

/** `stream show <name> [--at <version>]`: the events and the state folded from them (time travel). */
export async function streamShow(store: EventStore, streamName: string, options: StreamShowOptions, write: (line: string) => void): Promise<boolean> {
  const events = await store.readStream(streamName);
  if (events.length === 0) {
    write(`Stream ${streamName} does not exist.`);
    return false;
  }
  const upTo = options.at === undefined ? events : events.filter((event) => event.streamPosition <= options.at!);
  for (const event of upTo) {
    write(`#${event.streamPosition} ${event.type} @${formatLogPosition(event.position)} ${event.createdAt.toISOString()} actor=${String(event.metadata.actor ?? '-')}`);
    write(`    ${JSON.stringify(event.data)}`);
  }
  const decider = deciderForStream(commandHandlers, streamName);
  if (!decider) {
    write(`(no aggregate folds streams of this category; events shown only)`);
    return true;
  }
  const state = upTo.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  const version = upTo.at(-1)?.streamPosition ?? -1;
  write(`State at version ${version} of ${events.at(-1)!.streamPosition}:`);
  write(JSON.stringify(state, null, 2));
  return true;
}
