import { createHash } from 'node:crypto';

/** 64 bits of SHA-256 over type + validated data: enough to tell a reused idempotency key from a
 * repeat, short enough to travel in every event's metadata. */
export function commandFingerprint(type: string, data: unknown): string {
  return createHash('sha256').update(JSON.stringify({ type, data })).digest('hex').slice(0, 16);
}
