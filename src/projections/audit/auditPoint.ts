import type { LogPosition, RecordedEvent } from '../../ports/eventStore';
import { compareLogPositions, parseLogPosition } from '../../ports/logPosition';

/** A point in the history: a `$all` position, a moment, a stream version, or now. */
export type AuditPoint =
  | { kind: 'position'; position: LogPosition }
  | { kind: 'time'; time: Date }
  | { kind: 'version'; version: number }
  | { kind: 'now' };

/** `812.4051` (a position as commands answer it), an ISO 8601 time, `v3` (a stream version) or `now`;
 * null when the text is none of these. */
export function parseAuditPoint(text: string | undefined): AuditPoint | null {
  if (text === undefined || text === '' || text === 'now') return { kind: 'now' };
  const position = parseLogPosition(text);
  if (position) return { kind: 'position', position };
  const version = /^v(\d{1,15})$/.exec(text);
  if (version) return { kind: 'version', version: Number(version[1]) };
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const time = new Date(text);
    if (!Number.isNaN(time.getTime())) return { kind: 'time', time };
  }
  return null;
}

export const auditPointSyntax = 'a position "<transactionId>.<globalPosition>", an ISO 8601 time, a stream version "v<n>" or "now"';

/** Whether an event had been recorded at that point. */
export function recordedBy(event: RecordedEvent, point: AuditPoint): boolean {
  switch (point.kind) {
    case 'position': return compareLogPositions(event.position, point.position) <= 0;
    case 'time': return event.createdAt.getTime() <= point.time.getTime();
    case 'version': return event.streamPosition <= point.version;
    case 'now': return true;
  }
}

export function describeAuditPoint(point: AuditPoint): string {
  switch (point.kind) {
    case 'position': return `${point.position.transactionId}.${point.position.globalPosition}`;
    case 'time': return point.time.toISOString();
    case 'version': return `v${point.version}`;
    case 'now': return 'now';
  }
}
