import { normalizeEmail } from '../../domain/user/normalizeEmail';
import { accountKey } from './accountKey';
import type { IdentityDeps } from './identityDeps';
import { InvalidCredentialsError, LoginThrottledError } from './identityErrors';
import { issueSession, type IssuedSession } from './issueSession';
import { recordAuditEvent } from './recordAuditEvent';

export interface LoginInput {
  email: string;
  password: string;
  client: { ip: string | null; userAgent: string | null };
}

/** Known and unknown emails take the same path and time: a throttle check, one scrypt, one event,
 * one answer. Throttled attempts cost no scrypt and write no event (else a flood would fill the
 * store); the block itself is recorded once, when it starts. */
export async function loginUser(deps: IdentityDeps, input: LoginInput, correlationId: string): Promise<{ userId: string; session: IssuedSession }> {
  const email = normalizeEmail(input.email);
  const key = accountKey(email);
  const ip = input.client.ip ?? 'unknown';
  const gate = await deps.throttle.check(key, ip);
  if (!gate.allowed) throw new LoginThrottledError(gate.retryAfterSeconds);

  const account = await deps.accounts.findByEmail(email);
  const ok = account ? await deps.hasher.verify(input.password, account.passwordHash) : await deps.hasher.verifyDummy(input.password);
  if (!account || !ok) {
    const after = await deps.throttle.recordFailure(key, ip);
    if (!account) {
      // One stream per UTC day keeps audit streams short; the email only as a hash (see accountKey).
      const day = deps.now().toISOString().slice(0, 10);
      await recordAuditEvent(deps, `loginaudit-${day}`, { type: 'LoginFailedForUnknownAccount', data: { day, emailHash: key, ip } }, correlationId);
    } else {
      const stream = `user-${account.userId}`;
      await recordAuditEvent(deps, stream, { type: 'UserLoginFailed', data: { userId: account.userId, reason: 'wrong-password', ip } }, correlationId);
      if (!after.allowed) {
        await recordAuditEvent(deps, stream, { type: 'UserLoginThrottled', data: { userId: account.userId, ip, retryAfterSeconds: after.retryAfterSeconds } }, correlationId);
      }
    }
    throw new InvalidCredentialsError();
  }

  await deps.throttle.recordSuccess(key);
  return { userId: account.userId, session: await issueSession(deps, account.userId, input.client) };
}
