import type { CommandResult } from '../commandEnvelope';
import type { CallContext, IdentityDeps } from './identityDeps';
import { sendIdentityCommand } from './sendIdentityCommand';

/** The event first: the policy reads revocation from the tenant aggregate, so the key stops working
 * the moment the event is appended, whatever happens to the row update after it. */
export async function revokeApiKey(deps: IdentityDeps, input: { tenantId: string; keyId: string }, context: CallContext): Promise<CommandResult> {
  const result = await sendIdentityCommand(deps, context, 'RevokeApiKey', { tenantId: input.tenantId, keyId: input.keyId, revokedBy: context.actor }, input.tenantId);
  await deps.apiKeys.revoke(input.tenantId, input.keyId, deps.now());
  return result;
}
