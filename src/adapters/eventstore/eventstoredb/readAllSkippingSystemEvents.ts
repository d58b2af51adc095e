import { type EventStoreDBClient, type Position, START } from '@eventstore/db-client';
import type { LogPosition, ReadAllOptions, RecordedEvent } from '../../../ports/eventStore';
import { compareLogPositions } from '../../../ports/logPosition';
import { isSystemEvent, mapEsdbEvent, toEsdbPosition, toLogPosition } from './mapEsdbEvent';

const pageSize = 500;

/** `readAll` with our exclusive `after` (EventStoreDB's fromPosition is inclusive) and without system
 * events. It keeps paging past runs of system events, so a short answer means the end of `$all`:
 * a page of only system events must not look like "nothing new" to a caller that never advances. */
export async function readAllSkippingSystemEvents(
  client: EventStoreDBClient,
  { after, maxCount = Number.MAX_SAFE_INTEGER }: ReadAllOptions,
): Promise<RecordedEvent[]> {
  const result: RecordedEvent[] = [];
  let from: Position | typeof START = after ? toEsdbPosition(after) : START;
  // Everything at or before `seen` was already considered (the inclusive start re-reads one event).
  let seen: LogPosition | null = after ?? null;
  for (;;) {
    let read = 0;
    let last: Position | undefined;
    for await (const resolved of client.readAll({ fromPosition: from, maxCount: pageSize })) {
      read += 1;
      const position = resolved.event?.position;
      if (!position) continue;
      last = position;
      if (seen && compareLogPositions(toLogPosition(position), seen) <= 0) continue;
      seen = toLogPosition(position);
      if (isSystemEvent(resolved)) continue;
      result.push(mapEsdbEvent(resolved));
      if (result.length >= maxCount) return result;
    }
    if (read < pageSize || !last) return result;
    from = last;
  }
}
