import type { CommandResult } from '../commandEnvelope';
import type { CallContext, IdentityDeps } from './identityDeps';
import { InvalidTokenError } from './identityErrors';
import { hashToken } from './secretTokens';
import { sendIdentityCommand } from './sendIdentityCommand';

/** The decider checks the address and expiry first; the token is spent only once the member has
 * joined, so an attempt from the wrong account leaves it usable by the invitee. */
export async function acceptInvitation(deps: IdentityDeps, userId: string, token: string, context: CallContext): Promise<{ tenantId: string; result: CommandResult }> {
  const tokenHash = hashToken(token);
  const pending = await deps.oneTimeTokens.peek('invitation', tokenHash, deps.now());
  const account = await deps.accounts.findById(userId);
  if (!pending || !account) throw new InvalidTokenError();
  const tenantId = pending.subjectId;
  const result = await sendIdentityCommand(deps, context, 'AcceptInvitation', {
    tenantId, invitationId: pending.tokenId, userId, email: account.email, acceptedAt: deps.now().toISOString(),
  }, tenantId);
  await deps.oneTimeTokens.consume('invitation', tokenHash, deps.now());
  await deps.vault.remove(pending.tokenId);
  return { tenantId, result };
}
