import type { EventStore, RecordedEvent } from '../../ports/eventStore';
import { formatLogPosition, parseLogPosition } from '../../ports/logPosition';
import { auditEntryOf, type AuditEntry } from './auditEntry';

/** Whose history: one stream, a tenant (its own stream and every event it is named in), an actor, or
 * everything that followed one request (its correlation id). Filters combine. */
export interface AuditFilter {
  stream?: string;
  tenantId?: string;
  actor?: string;
  correlationId?: string;
  types?: string[];
  since?: Date;
  until?: Date;
}

export interface AuditPageRequest {
  /** From a previous page's nextCursor. */
  cursor?: string;
  limit: number;
  /** `$all` events examined at most for one page: a filter that matches rarely still answers in
   * bounded time, with a cursor to go on from (docs/decisions/055). */
  scanLimit?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Null once the history has been read to its end. */
  nextCursor: string | null;
  /** Events examined for this page. */
  scanned: number;
}

export class InvalidAuditCursorError extends Error {
  constructor(cursor: string) {
    super(`Cursor ${cursor} is not one this timeline gave`);
    this.name = 'InvalidAuditCursorError';
  }
}

const batchSize = 500;
const defaultScanLimit = 50_000;

/** A page of the timeline, oldest first, read through the EventStore port: a stream's own events, or
 * `$all` filtered (works on every adapter; no table of ours is read). */
export async function auditTimeline(store: Pick<EventStore, 'readStream' | 'readAll'>, filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
  const matches = matcherOf(filter);
  return filter.stream ? streamPage(store, filter.stream, matches, page) : allPage(store, matches, page);
}

/** Every page of the timeline in turn: exports. */
export async function* auditEntries(store: Pick<EventStore, 'readStream' | 'readAll'>, filter: AuditFilter, scanLimit?: number): AsyncGenerator<AuditEntry> {
  let cursor: string | undefined;
  for (;;) {
    const page = await auditTimeline(store, filter, { limit: 1000, ...(cursor ? { cursor } : {}), ...(scanLimit ? { scanLimit } : {}) });
    yield* page.items;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}

function matcherOf(filter: AuditFilter): (event: RecordedEvent) => boolean {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : null;
  return (event) => {
    const { metadata } = event;
    if (filter.tenantId && metadata.tenantId !== filter.tenantId && event.streamName !== `tenant-${filter.tenantId}`) return false;
    if (filter.actor && metadata.actor !== filter.actor) return false;
    if (filter.correlationId && metadata.correlationId !== filter.correlationId && event.eventId !== filter.correlationId) return false;
    if (types && !types.has(event.type)) return false;
    if (filter.since && event.createdAt < filter.since) return false;
    if (filter.until && event.createdAt > filter.until) return false;
    return true;
  };
}

async function streamPage(store: Pick<EventStore, 'readStream'>, stream: string, matches: (event: RecordedEvent) => boolean, page: AuditPageRequest): Promise<AuditPage> {
  let fromVersion = 0;
  if (page.cursor !== undefined) {
    if (!/^v\d{1,15}$/.test(page.cursor)) throw new InvalidAuditCursorError(page.cursor);
    fromVersion = Number(page.cursor.slice(1));
  }
  const scanLimit = page.scanLimit ?? defaultScanLimit;
  const items: AuditEntry[] = [];
  let scanned = 0;
  for (;;) {
    const batch = await store.readStream(stream, { fromVersion, maxCount: batchSize });
    for (const event of batch) {
      scanned += 1;
      fromVersion = event.streamPosition + 1;
      if (matches(event)) items.push(auditEntryOf(event));
      if (items.length >= page.limit || scanned >= scanLimit) return { items, nextCursor: `v${fromVersion}`, scanned };
    }
    if (batch.length < batchSize) return { items, nextCursor: null, scanned };
  }
}

async function allPage(store: Pick<EventStore, 'readAll'>, matches: (event: RecordedEvent) => boolean, page: AuditPageRequest): Promise<AuditPage> {
  let after = null;
  if (page.cursor !== undefined) {
    after = parseLogPosition(page.cursor);
    if (!after) throw new InvalidAuditCursorError(page.cursor);
  }
  const scanLimit = page.scanLimit ?? defaultScanLimit;
  const items: AuditEntry[] = [];
  let scanned = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: Math.min(batchSize, scanLimit - scanned) });
    for (const event of batch) {
      scanned += 1;
      after = event.position;
      if (matches(event)) items.push(auditEntryOf(event));
      if (items.length >= page.limit || scanned >= scanLimit) return { items, nextCursor: formatLogPosition(after), scanned };
    }
    if (batch.length === 0) return { items, nextCursor: null, scanned };
  }
}
