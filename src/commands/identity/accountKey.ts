import { createHash } from 'node:crypto';

/** What throttling and the audit of unknown accounts key on: a hash of the normalized email, so
 * neither the throttle table nor an event holds the address (or a password typed into it). */
export function accountKey(normalizedEmail: string): string {
  return createHash('sha256').update(`account:${normalizedEmail}`).digest('hex').slice(0, 32);
}
