import { WrongExpectedVersionError, type EventMetadata, type EventStore } from '../../ports/eventStore';
import type { SagaEvent } from '../../domain/saga/sagaEvents';

/** Someone else appended to the saga's stream (an operator's cancel, a worker that lost its lock):
 * this run stops without recording anything more. */
export class SagaFenced extends Error {
  constructor(readonly stream: string) {
    super(`saga stream ${stream} moved under this run`);
    this.name = 'SagaFenced';
  }
}

/** An append function for one saga stream that carries the version it last saw (-1: no stream yet),
 * so a worker that lost the saga's lock without noticing is fenced off instead of recording a step
 * twice. */
export function appendToSagaStream(
  store: EventStore, stream: string, lastVersion: number, metadata: Omit<EventMetadata, 'occurredAt' | 'schemaVersion'>, now: () => Date,
): (event: SagaEvent) => Promise<void> {
  let version = lastVersion;
  return async (event) => {
    try {
      const result = await store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: { ...metadata, occurredAt: now().toISOString(), schemaVersion: 1 } }],
        { expectedVersion: version === -1 ? 'no_stream' : version });
      version = result.nextExpectedVersion;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new SagaFenced(stream);
      throw error;
    }
  };
}
