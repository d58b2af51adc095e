import type { VerificationRequest } from '../../domain/user/userCommands';
import type { IdentityDeps } from './identityDeps';
import { generateToken, hashToken } from './secretTokens';

/** Stores a new email-verification token for `userId` under `request.requestId`: its hash for
 * checking, the raw token in the vault for the notifier (decision 010). Called before the event that
 * carries the reference is appended, so the notifier always finds the token. False when a token with
 * this reference exists already (a retried request keeps the first one). */
export async function issueVerificationLink(deps: Pick<IdentityDeps, 'oneTimeTokens' | 'vault'>, userId: string, request: VerificationRequest): Promise<boolean> {
  const token = generateToken('emailVerification');
  const expiresAt = new Date(request.expiresAt);
  const created = await deps.oneTimeTokens.create({ tokenId: request.requestId, purpose: 'email-verification', subjectId: userId, tokenHash: hashToken(token), expiresAt });
  if (created) await deps.vault.put(request.requestId, 'email-verification', token, expiresAt);
  return created;
}

/** A new request's reference and times (the reference is a fresh UUIDv7 unless given). */
export function newVerificationRequest(deps: Pick<IdentityDeps, 'settings' | 'now'>, requestId: string): VerificationRequest {
  const now = deps.now();
  return { requestId, requestedAt: now.toISOString(), expiresAt: new Date(now.getTime() + deps.settings.emailVerificationTtlMs).toISOString() };
}
