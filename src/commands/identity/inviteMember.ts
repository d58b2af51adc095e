import { v7 } from 'uuid';
import type { InvitableRole } from '../../domain/tenant/tenantRole';
import { normalizeEmail } from '../../domain/user/normalizeEmail';
import { newAggregateId } from '../newAggregateId';
import type { CommandResult } from '../commandEnvelope';
import type { CallContext, IdentityDeps } from './identityDeps';
import { generateToken, hashToken } from './secretTokens';
import { sendIdentityCommand } from './sendIdentityCommand';
import { spendMailingBudget } from './spendMailingBudget';
import { tenantStream } from '../../domain/tenant/tenantStream';

/** The token goes to the vault for the notifier (and only its hash is kept for acceptance); the
 * inviter never sees it, so an invitation can only be used from the invitee's mailbox. */
export async function inviteMember(
  deps: IdentityDeps, input: { tenantId: string; email: string; role: InvitableRole; ip: string | null }, context: CallContext,
): Promise<{ invitationId: string; expiresAt: string; result: CommandResult }> {
  await spendMailingBudget(deps, 'invite', input.ip, input.email);
  // Derived from the Idempotency-Key: a retry finds the first invitation and keeps its token.
  const invitationId = context.commandId ? newAggregateId(context.commandId) : v7();
  const token = generateToken('invitation');
  const expiresAt = (context.commandId && (await earlierExpiry(deps, input.tenantId, invitationId)))
    || new Date(deps.now().getTime() + deps.settings.invitationTtlMs);
  const result = await sendIdentityCommand(deps, context, 'InviteMember', {
    tenantId: input.tenantId, invitationId, email: normalizeEmail(input.email), role: input.role, invitedBy: context.actor, expiresAt: expiresAt.toISOString(),
  }, input.tenantId);
  if (await deps.oneTimeTokens.create({ tokenId: invitationId, purpose: 'invitation', subjectId: input.tenantId, tokenHash: hashToken(token), expiresAt })) {
    await deps.vault.put(invitationId, 'invitation', token, expiresAt);
  }
  return { invitationId, expiresAt: expiresAt.toISOString(), result };
}

/** A retried request must send the same command data (else the pipeline sees a reused key): the
 * expiry is the one the first attempt recorded. */
async function earlierExpiry(deps: IdentityDeps, tenantId: string, invitationId: string): Promise<Date | null> {
  const events = await deps.store.readStream(tenantStream(tenantId));
  const earlier = events.find((e) => e.type === 'MemberInvited' && (e.data as { invitationId?: string }).invitationId === invitationId);
  return earlier ? new Date((earlier.data as { expiresAt: string }).expiresAt) : null;
}
