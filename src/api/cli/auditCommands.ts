import type { EventStore } from '../../ports/eventStore';
import { aggregateAt } from '../../projections/audit/aggregateAt';
import { aggregateDiff } from '../../projections/audit/aggregateDiff';
import type { AuditEntry } from '../../projections/audit/auditEntry';
import type { AuditPoint } from '../../projections/audit/auditPoint';
import { auditEntries, auditTimeline, type AuditFilter } from '../../projections/audit/auditTimeline';
import { NotFoundError } from '../../domain/shared/decider';

type AuditStore = Pick<EventStore, 'readStream' | 'readAll'>;

export interface AuditOutput {
  /** stdout */
  write(line: string): void;
  /** stderr */
  error(line: string): void;
}

const or = (value: string | null) => value ?? '-';

/** One line per event: when, where in the log, which stream and version, what, who, why. */
export function formatAuditEntry(entry: AuditEntry): string {
  const why = [entry.reason ? `reason=${JSON.stringify(entry.reason)}` : '', `correlation=${or(entry.correlationId)}`, `causation=${or(entry.causationId)}`].filter(Boolean).join(' ');
  return `${entry.recordedAt} @${entry.position} ${entry.streamName}#${entry.streamPosition} ${entry.type} actor=${or(entry.actor)} ${why}`;
}

/** `audit timeline`: one page, oldest first; the next page with `--cursor`. */
export async function auditTimelineCommand(store: AuditStore, filter: AuditFilter, page: { limit: number; cursor?: string; json?: boolean }, out: AuditOutput): Promise<boolean> {
  const result = await auditTimeline(store, filter, { limit: page.limit, ...(page.cursor ? { cursor: page.cursor } : {}) });
  if (page.json) {
    out.write(JSON.stringify(result));
    return true;
  }
  for (const entry of result.items) out.write(formatAuditEntry(entry));
  if (result.items.length === 0) out.write(`(no events in the ${result.scanned} examined)`);
  if (result.nextCursor) out.write(`next page: --cursor ${result.nextCursor}`);
  return true;
}

/** `audit at <stream>`: the aggregate as it was at a point. */
export async function auditAtCommand(store: AuditStore, streamName: string, point: AuditPoint, options: { json?: boolean }, out: AuditOutput): Promise<boolean> {
  return notFoundFails(out, async () => {
    const snapshot = await aggregateAt(store, streamName, point);
    if (options.json) return out.write(JSON.stringify(snapshot));
    out.write(`${streamName} at ${snapshot.at}: version ${snapshot.version} of ${snapshot.currentVersion}`);
    if (snapshot.lastEvent) out.write(`last event: ${formatAuditEntry(snapshot.lastEvent)}`);
    out.write(snapshot.foldable ? JSON.stringify(snapshot.state, null, 2) : '(no aggregate folds streams of this category; see the timeline)');
  });
}

/** `audit diff <stream>`: what changed between two points, and the events that changed it. */
export async function auditDiffCommand(store: AuditStore, streamName: string, from: AuditPoint, to: AuditPoint, options: { json?: boolean }, out: AuditOutput): Promise<boolean> {
  return notFoundFails(out, async () => {
    const diff = await aggregateDiff(store, streamName, from, to);
    if (options.json) return out.write(JSON.stringify(diff));
    out.write(`${streamName}: version ${diff.from.version} (${diff.from.at}) → ${diff.to.version} (${diff.to.at})`);
    for (const entry of diff.events) out.write(`  ${formatAuditEntry(entry)}`);
    for (const change of diff.changes) out.write(`${change.path}: ${JSON.stringify(change.before) ?? '(absent)'} → ${JSON.stringify(change.after) ?? '(absent)'}`);
    if (diff.changes.length === 0) out.write('(no change)');
  });
}

/** `audit export`: every event of the filter as JSON lines, to stdout. */
export async function auditExportCommand(store: AuditStore, filter: AuditFilter, out: AuditOutput): Promise<boolean> {
  for await (const entry of auditEntries(store, filter, Number.MAX_SAFE_INTEGER)) out.write(JSON.stringify(entry));
  return true;
}

async function notFoundFails(out: AuditOutput, run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    out.error(error.message);
    return false;
  }
}
