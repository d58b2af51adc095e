import { DomainError, NotFoundError } from '../../domain/shared/decider';
import type { CommandResult } from '../commandEnvelope';
import type { IdentityDeps } from './identityDeps';
import { InvalidTokenError } from './identityErrors';
import { hashToken } from './secretTokens';
import { sendIdentityCommand } from './sendIdentityCommand';

/** Proves the address with a mailed link. No session needed (the link may be opened on another
 * device). The token is looked at, the fact recorded (nothing when verified already), then the token
 * spent: a failure in between leaves the link usable. Unknown, used and expired tokens get one answer
 * and write nothing. */
export async function verifyEmail(deps: IdentityDeps, input: { token: string }, correlationId: string): Promise<{ userId: string; result: CommandResult }> {
  const tokenHash = hashToken(input.token);
  const pending = await deps.oneTimeTokens.peek('email-verification', tokenHash, deps.now());
  if (!pending) throw new InvalidTokenError();
  const userId = pending.subjectId;
  let result: CommandResult;
  try {
    result = await sendIdentityCommand(deps, { actor: userId, correlationId }, 'VerifyEmail', { userId, requestId: pending.tokenId });
  } catch (error) {
    // A token whose registration or resend never reached the event store verifies nothing.
    if (error instanceof NotFoundError || (error instanceof DomainError && error.code === 'verification-not-pending')) throw new InvalidTokenError();
    throw error;
  }
  await deps.oneTimeTokens.consume('email-verification', tokenHash, deps.now());
  await deps.vault.remove(pending.tokenId);
  return { userId, result };
}
