import type { LogPosition } from './eventStore';

/** Lexicographic order of `$all` positions: negative when a < b. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}

/** Text form used over HTTP/AMQP (`position`, `minPosition`): "<transactionId>.<globalPosition>". */
export function formatLogPosition(position: LogPosition): string {
  return `${position.transactionId}.${position.globalPosition}`;
}

export function parseLogPosition(text: string): LogPosition | null {
  const match = /^(\d{1,16})\.(\d{1,16})$/.exec(text);
  if (!match) return null;
  return { transactionId: Number(match[1]), globalPosition: Number(match[2]) };
}
