import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell token kinds apart at a glance (and let secret scanners spot leaked ones). */
export type TokenKind = 'session' | 'apiKey' | 'passwordReset' | 'invitation' | 'emailVerification';
const prefixes: Record<TokenKind, string> = { session: 'ses_', apiKey: 'hok_', passwordReset: 'rst_', invitation: 'inv_', emailVerification: 'evf_' };

/** 256 random bits, base64url: unguessable, so a fast hash is enough to store it (unlike passwords). */
export function generateToken(kind: TokenKind): string {
  return prefixes[kind] + randomBytes(32).toString('base64url');
}

export function tokenKind(token: string): TokenKind | null {
  const entry = Object.entries(prefixes).find(([, prefix]) => token.startsWith(prefix));
  return entry ? (entry[0] as TokenKind) : null;
}

/** What the tables store and look tokens up by. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
