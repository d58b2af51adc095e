import { createHash } from 'node:crypto';

export function commandFingerprint(type: string, data: unknown): string {
  return createHash('sha256').update(JSON.stringify({ type, data })).digest('hex');
}
