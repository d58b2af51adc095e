import { v7 } from 'uuid';
import type { CommandResult } from '../commandEnvelope';
import type { CallContext, IdentityDeps } from './identityDeps';

/** Runs one command of an identity use case through the pipeline. `suffix` keeps the ids of several
 * commands of one request (one Idempotency-Key) apart while staying deterministic for a retry. */
export function sendIdentityCommand(
  deps: Pick<IdentityDeps, 'handleCommand'>, context: CallContext, type: string, data: unknown, tenantId?: string, suffix = '',
): Promise<CommandResult> {
  return deps.handleCommand({
    type,
    data,
    metadata: {
      commandId: context.commandId ? `${context.commandId}${suffix}` : v7(),
      actor: context.actor,
      correlationId: context.correlationId,
      ...(tenantId ? { tenantId } : {}),
    },
  });
}
