import type { Principal } from '../../domain/authorization/principal';
import type { IdentityDeps } from './identityDeps';
import { hashToken, tokenKind } from './secretTokens';

/** The principal behind a bearer token, or null when the token is unknown, expired or revoked.
 * A session's expiry slides forward with each use. */
export async function resolveBearerToken(deps: Pick<IdentityDeps, 'sessions' | 'apiKeys' | 'users' | 'settings' | 'now'>, token: string): Promise<Principal | null> {
  const kind = tokenKind(token);
  if (kind === 'session') {
    const session = await deps.sessions.touch(hashToken(token), deps.now(), deps.settings.sessionIdleMs);
    if (!session) return null;
    return { kind: 'user', userId: session.userId, sessionId: session.sessionId, operator: await deps.users.isOperator(session.userId) };
  }
  if (kind === 'apiKey') {
    const key = await deps.apiKeys.use(hashToken(token), deps.now());
    return key ? { kind: 'apiKey', keyId: key.keyId, tenantId: key.tenantId, scopes: key.scopes } : null;
  }
  return null;
}
