import type { IdentityDeps } from './identityDeps';
import { accountKey } from './accountKey';
import { InvalidTokenError, WeakPasswordError } from './identityErrors';
import { hashToken } from './secretTokens';
import { sendIdentityCommand } from './sendIdentityCommand';

/** Sets a new password with a reset token: the token is spent (and every other reset link of the
 * account with it), every session revoked, the login throttle of the account cleared (the owner
 * proved control of the mailbox). */
export async function confirmPasswordReset(deps: IdentityDeps, input: { token: string; newPassword: string }, correlationId: string): Promise<void> {
  const tokenHash = hashToken(input.token);
  const pending = await deps.oneTimeTokens.peek('password-reset', tokenHash, deps.now());
  const account = pending && (await deps.accounts.findById(pending.subjectId));
  if (!pending || !account) throw new InvalidTokenError();
  const verdict = deps.checkPassword(input.newPassword, { email: account.email });
  if (!verdict.ok) throw new WeakPasswordError(verdict.reason);

  const passwordHash = await deps.hasher.hash(input.newPassword);
  if (!(await deps.oneTimeTokens.consume('password-reset', tokenHash, deps.now()))) throw new InvalidTokenError();
  await deps.accounts.setPasswordHash(account.userId, passwordHash);
  // Any other link still outstanding (a second request) dies with the one used.
  await deps.oneTimeTokens.revokeAll('password-reset', account.userId, deps.now());
  const sessionsRevoked = await deps.sessions.revokeAllExcept(account.userId, null, deps.now());
  await deps.vault.remove(pending.tokenId);
  await deps.throttle.recordSuccess(accountKey(account.email), null);
  await sendIdentityCommand(deps, { actor: account.userId, correlationId }, 'RecordPasswordReset', {
    userId: account.userId, resetId: pending.tokenId, sessionsRevoked,
  });
}
