import type { EventStore } from '../../ports/eventStore';
import type { AuditEntry } from './auditEntry';
import { auditEntries } from './auditTimeline';

export interface CorrelatedEntry extends AuditEntry {
  /** 0 for what the request itself recorded, 1 for what those events caused, and so on. */
  depth: number;
}

export interface CorrelationView {
  correlationId: string;
  items: CorrelatedEntry[];
  actors: string[];
  streams: string[];
}

/** Everything that followed one request: every event carrying its correlation id (the request's
 * own, then what sagas and processes did because of it), each with its depth in the causation chain. */
export async function correlationView(store: Pick<EventStore, 'readStream' | 'readAll'>, correlationId: string): Promise<CorrelationView> {
  const entries: AuditEntry[] = [];
  for await (const entry of auditEntries(store, { correlationId }, Number.MAX_SAFE_INTEGER)) entries.push(entry);
  const byId = new Map(entries.map((entry) => [entry.eventId, entry]));
  const depthOf = (entry: AuditEntry, seen = new Set<string>()): number => {
    const cause = entry.causationId ? byId.get(entry.causationId) : undefined;
    if (!cause || seen.has(cause.eventId)) return 0;
    seen.add(cause.eventId);
    return depthOf(cause, seen) + 1;
  };
  return {
    correlationId,
    items: entries.map((entry) => ({ ...entry, depth: depthOf(entry) })),
    actors: [...new Set(entries.map((entry) => entry.actor).filter((actor): actor is string => actor !== null))],
    streams: [...new Set(entries.map((entry) => entry.streamName))],
  };
}
