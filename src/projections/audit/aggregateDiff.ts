import type { EventStore } from '../../ports/eventStore';
import { readStreamHistory, type AggregateSnapshot } from './aggregateAt';
import { auditEntryOf, type AuditEntry } from './auditEntry';
import type { AuditPoint } from './auditPoint';
import { diffJson, type JsonChange } from './diffJson';

export interface AggregateDiff {
  streamName: string;
  from: AggregateSnapshot;
  to: AggregateSnapshot;
  /** The events that took the aggregate from one point to the other. */
  events: AuditEntry[];
  changes: JsonChange[];
}

/** What changed in an aggregate between two points, and which events changed it. */
export async function aggregateDiff(store: Pick<EventStore, 'readStream'>, streamName: string, from: AuditPoint, to: AuditPoint): Promise<AggregateDiff> {
  const history = await readStreamHistory(store, streamName);
  const before = history.snapshotAt(from);
  const after = history.snapshotAt(to);
  const events = history.events
    .filter((event) => event.streamPosition > before.version && event.streamPosition <= after.version)
    .map(auditEntryOf);
  return { streamName, from: before, to: after, events, changes: diffJson(before.state, after.state) };
}
