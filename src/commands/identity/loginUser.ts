import { normalizeEmail } from '../../domain/user/normalizeEmail';
import { accountKey } from './accountKey';
import type { IdentityDeps } from './identityDeps';
import { InvalidCredentialsError, LoginThrottledError } from './identityErrors';
import { issueSession, type IssuedSession } from './issueSession';
import { recordAuditEvent } from './recordAuditEvent';
import { userStream } from '../../domain/user/userStream';

export interface LoginInput {
  email: string;
  password: string;
  client: { ip: string | null; userAgent: string | null };
}

/** Known and unknown emails take the same path and time: a reserved attempt, one scrypt, one event,
 * one answer. The attempt is reserved before any password is verified (docs/decisions/045), so
 * parallel guesses get no more verifications than the limit; refused attempts cost no scrypt and
 * write no event (else a flood would fill the store), except the one that starts a block. */
export async function loginUser(deps: IdentityDeps, input: LoginInput, correlationId: string): Promise<{ userId: string; session: IssuedSession }> {
  const email = normalizeEmail(input.email);
  const key = accountKey(email);
  const ip = input.client.ip ?? 'unknown';
  const gate = await deps.throttle.reserve(key, ip);
  if (!gate.allowed) {
    const blocked = gate.blockStarted ? await deps.accounts.findByEmail(email) : null;
    if (blocked) {
      await recordAuditEvent(deps, userStream(blocked.userId), {
        type: 'UserLoginThrottled', data: { userId: blocked.userId, ip, retryAfterSeconds: gate.retryAfterSeconds },
      }, correlationId);
    }
    throw new LoginThrottledError(gate.retryAfterSeconds);
  }

  const account = await deps.accounts.findByEmail(email);
  const ok = account ? await deps.hasher.verify(input.password, account.passwordHash) : await deps.hasher.verifyDummy(input.password);
  if (!account || !ok) {
    if (!account) {
      // One stream per UTC day keeps audit streams short; the email only as a hash (see accountKey).
      const day = deps.now().toISOString().slice(0, 10);
      await recordAuditEvent(deps, `loginaudit-${day}`, { type: 'LoginFailedForUnknownAccount', data: { day, emailHash: key, ip } }, correlationId);
    } else {
      await recordAuditEvent(deps, userStream(account.userId), { type: 'UserLoginFailed', data: { userId: account.userId, reason: 'wrong-password', ip } }, correlationId);
    }
    throw new InvalidCredentialsError();
  }

  await deps.throttle.recordSuccess(key, ip);
  // The only moment the password is at hand: a hash of an older, cheaper cost is redone now.
  if (deps.hasher.needsRehash(account.passwordHash)) await deps.accounts.setPasswordHash(account.userId, await deps.hasher.hash(input.password));
  return { userId: account.userId, session: await issueSession(deps, account.userId, input.client) };
}
