import { createHmac, timingSafeEqual } from 'node:crypto';
import { optionalCategories, type NotificationCategory } from './notificationCategories';

export interface UnsubscribeClaim {
  userId: string;
  category: NotificationCategory;
}

const version = 'u1';

/** `u1.<userId>.<category>.<hmac>`: names who opts out of what, and nothing secret. No expiry on
 * purpose: a link in a year-old mail must still work (RFC 8058 expects it to), and all it can do is
 * opt one person out of one optional category, which they can undo in their settings. */
export function signUnsubscribeToken(key: Buffer, claim: UnsubscribeClaim): string {
  const payload = `${version}.${claim.userId}.${claim.category}`;
  return `${payload}.${mac(key, payload)}`;
}

/** The claim of a well-formed token with a valid signature; null for anything else. */
export function verifyUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== version) return null;
  const [, userId, category, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(mac(key, `${version}.${userId}.${category}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!(optionalCategories as string[]).includes(category)) return null;
  return { userId, category: category as NotificationCategory };
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
