import type { Position, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, LogPosition, RecordedEvent } from '../../../ports/eventStore';

export function toLogPosition(position: Position): LogPosition {
  return { transactionId: Number(position.commit), globalPosition: Number(position.prepare) };
}

export function toEsdbPosition(position: LogPosition): Position {
  return { commit: BigInt(position.transactionId), prepare: BigInt(position.globalPosition) };
}

/** `$`-prefixed types are EventStoreDB's own (stream metadata, links, stats): never ours. */
export function isSystemEvent(resolved: ResolvedEvent): boolean {
  const event = resolved.event;
  return !event || event.type.startsWith('$') || event.streamId.startsWith('$');
}

// Events written by another client may be binary; JSON is tried so such data is still readable.
function decode(value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  if (value.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8')) as unknown;
  } catch {
    return value;
  }
}

/** Maps a resolved, non-system event; the caller filters with isSystemEvent first. */
export function mapEsdbEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event!;
  // Servers before 22.6 send no per-event position; the commit position is then the best we have.
  const commit = resolved.commitPosition ?? 0n;
  const position = event.position ?? { commit, prepare: commit };
  return {
    eventId: event.id,
    type: event.type,
    data: decode(event.data),
    metadata: (decode(event.metadata) ?? {}) as EventMetadata,
    streamName: event.streamId,
    streamPosition: Number(event.revision),
    position: toLogPosition(position),
    createdAt: event.created,
  };
}
