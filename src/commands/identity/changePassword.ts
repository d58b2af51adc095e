import type { CallContext, IdentityDeps } from './identityDeps';
import { accountKey } from './accountKey';
import { ForbiddenError, LoginThrottledError, WeakPasswordError } from './identityErrors';
import { sendIdentityCommand } from './sendIdentityCommand';

/** Needs the current password (a stolen session alone cannot take the account over), guessing it
 * is throttled like a login (the attempt reserved before the password is verified), and every
 * other session is revoked. */
export async function changePassword(
  deps: IdentityDeps,
  user: { userId: string; sessionId: string | null },
  input: { currentPassword: string; newPassword: string; ip: string | null },
  context: CallContext,
): Promise<{ sessionsRevoked: number }> {
  const account = await deps.accounts.findById(user.userId);
  if (!account) throw new ForbiddenError('no password is set for this account');
  const key = accountKey(account.email);
  const ip = input.ip ?? 'unknown';
  const gate = await deps.throttle.reserve(key, ip);
  if (!gate.allowed) throw new LoginThrottledError(gate.retryAfterSeconds);
  if (!(await deps.hasher.verify(input.currentPassword, account.passwordHash))) throw new ForbiddenError('the current password is incorrect');
  await deps.throttle.recordSuccess(key, ip);
  const verdict = deps.checkPassword(input.newPassword, { email: account.email });
  if (!verdict.ok) throw new WeakPasswordError(verdict.reason);

  await deps.accounts.setPasswordHash(user.userId, await deps.hasher.hash(input.newPassword));
  // A reset link mailed before the change must not undo it.
  await deps.oneTimeTokens.revokeAll('password-reset', user.userId, deps.now());
  const sessionsRevoked = await deps.sessions.revokeAllExcept(user.userId, user.sessionId, deps.now());
  await sendIdentityCommand(deps, context, 'RecordPasswordChange', { userId: user.userId, sessionsRevoked });
  return { sessionsRevoked };
}
