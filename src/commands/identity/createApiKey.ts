import { v7 } from 'uuid';
import { DomainError } from '../../domain/shared/decider';
import { newAggregateId } from '../newAggregateId';
import type { CommandResult } from '../commandEnvelope';
import type { CallContext, IdentityDeps } from './identityDeps';
import { QuotaExceededError } from './identityErrors';
import { generateToken, hashToken } from './secretTokens';
import { sendIdentityCommand } from './sendIdentityCommand';

/** The secret is returned once and stored only as a hash. The event is appended before the row:
 * a crash in between leaves a recorded key that cannot authenticate, never the reverse. */
export async function createApiKey(
  deps: IdentityDeps, input: { tenantId: string; name: string; scopes: string[]; creatorIsOperator: boolean }, context: CallContext,
): Promise<{ keyId: string; token: string; result: CommandResult }> {
  // A count, then the key: parallel requests can overshoot by a few; the quota is against hoarding.
  if (!input.creatorIsOperator && (await deps.apiKeys.countActiveCreatedBy(context.actor)) >= deps.settings.apiKeysPerUserMax) {
    throw new QuotaExceededError('API keys', deps.settings.apiKeysPerUserMax);
  }
  // Derived from the Idempotency-Key, so a retry lands on the same key instead of a second one.
  const keyId = context.commandId ? newAggregateId(context.commandId) : v7();
  const token = generateToken('apiKey');
  const result = await sendIdentityCommand(deps, context, 'CreateApiKey', {
    tenantId: input.tenantId, keyId, name: input.name, scopes: input.scopes, createdBy: context.actor,
  }, input.tenantId);
  const created = await deps.apiKeys.create({ keyId, tenantId: input.tenantId, name: input.name, scopes: input.scopes, createdBy: context.actor, tokenHash: hashToken(token) });
  if (!created) throw new DomainError('api-key-already-created', `This request already created API key ${keyId}; its token was shown once`);
  return { keyId, token, result };
}
