import { v7 } from 'uuid';
import { generateToken, hashToken } from './secretTokens';
import type { IdentityDeps } from './identityDeps';

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** A new opaque session token; only its hash is stored. */
export async function issueSession(deps: Pick<IdentityDeps, 'sessions' | 'settings' | 'now'>, userId: string, client: { ip: string | null; userAgent: string | null }): Promise<IssuedSession> {
  const now = deps.now();
  const token = generateToken('session');
  const sessionId = v7();
  const absoluteExpiresAt = new Date(now.getTime() + deps.settings.sessionMaxMs);
  const expiresAt = new Date(Math.min(now.getTime() + deps.settings.sessionIdleMs, absoluteExpiresAt.getTime()));
  await deps.sessions.create({ sessionId, userId, tokenHash: hashToken(token), expiresAt, absoluteExpiresAt, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null });
  return { token, sessionId, expiresAt };
}
