import { commandHandlers } from '../../commands/commandHandlers';
import { deciderForStream } from '../../commands/deciderForStream';
import { NotFoundError } from '../../domain/shared/decider';
import type { EventStore, RecordedEvent } from '../../ports/eventStore';
import { auditEntryOf, type AuditEntry } from './auditEntry';
import { describeAuditPoint, recordedBy, type AuditPoint } from './auditPoint';

/** An aggregate as it was at a point: its stream folded with its own decider's evolve, up to there. */
export interface AggregateSnapshot {
  streamName: string;
  at: string;
  /** Stream version folded (-1: the stream did not exist yet at that point). */
  version: number;
  /** The stream's version now. */
  currentVersion: number;
  /** The folded state as JSON; null when no aggregate folds streams of this category (sagas, …). */
  state: unknown;
  foldable: boolean;
  lastEvent: AuditEntry | null;
}

export interface StreamHistory {
  events: RecordedEvent[];
  snapshotAt(point: AuditPoint): AggregateSnapshot;
}

/** Reads a stream once (through the EventStore port, so on every adapter) to fold it at any points. */
export async function readStreamHistory(store: Pick<EventStore, 'readStream'>, streamName: string): Promise<StreamHistory> {
  const events = await store.readStream(streamName);
  if (events.length === 0) throw new NotFoundError('Stream', streamName);
  const decider = deciderForStream(commandHandlers, streamName);
  return {
    events,
    snapshotAt(point) {
      const upTo = events.filter((event) => recordedBy(event, point));
      const last = upTo.at(-1);
      const state = decider ? upTo.reduce((s, e) => decider.evolve(s, e), decider.initialState()) : null;
      return {
        streamName,
        at: describeAuditPoint(point),
        version: last?.streamPosition ?? -1,
        currentVersion: events.at(-1)!.streamPosition,
        state: asJson(state),
        foldable: decider !== null,
        lastEvent: last ? auditEntryOf(last) : null,
      };
    },
  };
}

export async function aggregateAt(store: Pick<EventStore, 'readStream'>, streamName: string, point: AuditPoint): Promise<AggregateSnapshot> {
  return (await readStreamHistory(store, streamName)).snapshotAt(point);
}

/** Dates, Maps and Sets of a state as they would be sent, so two states compare as their JSON does. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return Object.fromEntries(v);
    if (v instanceof Set) return [...(v as Set<unknown>)];
    return v;
  }) ?? 'null');
}
