import { v7 } from 'uuid';
import type { VerificationRequest } from '../../domain/user/userCommands';
import type { EmailVerificationRequested } from '../../domain/user/userEvents';
import { newAggregateId } from '../newAggregateId';
import type { CommandResult } from '../commandEnvelope';
import type { CallContext, IdentityDeps } from './identityDeps';
import { issueVerificationLink, newVerificationRequest } from './issueVerificationLink';
import { sendIdentityCommand } from './sendIdentityCommand';
import { spendMailingBudget } from './spendMailingBudget';
import { userStream } from '../../domain/user/userStream';

/** A new verification link for the signed-in user. The token is stored (and vaulted for the
 * notifier) before the event that carries its reference; when the decider refuses (verified already,
 * or a link sent within the resend interval) the vaulted copy is dropped again, and the unused hash
 * simply expires: nobody ever saw that token. */
export async function resendEmailVerification(
  deps: IdentityDeps, userId: string, context: CallContext & { ip: string | null },
): Promise<{ request: VerificationRequest; result: CommandResult }> {
  const account = await deps.accounts.findById(userId);
  if (account) await spendMailingBudget(deps, 'resend-verification', context.ip, account.email);
  // Derived from the Idempotency-Key: a retry finds the first request and sends the same command.
  const requestId = context.commandId ? newAggregateId(context.commandId) : v7();
  const request = (context.commandId && (await recordedRequest(deps, userId, requestId))) || newVerificationRequest(deps, requestId);
  const issued = await issueVerificationLink(deps, userId, request);
  try {
    const minIntervalSeconds = Math.round(deps.settings.verificationResendIntervalMs / 1000);
    const result = await sendIdentityCommand(deps, commandContext(context), 'RequestEmailVerification', { userId, ...request, minIntervalSeconds });
    return { request, result };
  } catch (error) {
    if (issued) await deps.vault.remove(request.requestId);
    throw error;
  }
}

async function recordedRequest(deps: IdentityDeps, userId: string, requestId: string): Promise<VerificationRequest | undefined> {
  const events = await deps.store.readStream(userStream(userId));
  const earlier = events.find((e) => e.type === 'EmailVerificationRequested' && (e.data as EmailVerificationRequested['data']).requestId === requestId);
  if (!earlier) return undefined;
  const { requestedAt, expiresAt } = earlier.data as EmailVerificationRequested['data'];
  return { requestId, requestedAt, expiresAt };
}

function commandContext({ ip: _ip, ...context }: CallContext & { ip: string | null }): CallContext {
  return context;
}
