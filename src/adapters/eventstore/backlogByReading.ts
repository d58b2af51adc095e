import type { Backlog, EventStore, LogPosition } from '../../ports/eventStore';

const pageSize = 1000;

/** `backlog` for stores that cannot count `$all` in place (in-memory, EventStoreDB): pages through it. */
export async function backlogByReading(readAll: EventStore['readAll'], after: LogPosition | null, limit = Number.MAX_SAFE_INTEGER): Promise<Backlog> {
  let events = 0;
  let oldestAt: Date | null = null;
  let from = after;
  while (events < limit) {
    const page = await readAll({ after: from, maxCount: Math.min(pageSize, limit - events) });
    if (page.length === 0) break;
    for (const event of page) if (!oldestAt || event.createdAt < oldestAt) oldestAt = event.createdAt;
    events += page.length;
    from = page.at(-1)!.position;
  }
  return { events, oldestAt };
}
