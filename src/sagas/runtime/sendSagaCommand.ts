import type { HandleCommand } from '../../commands/handleCommand';
import type { SagaIdentity } from './sagaDefinition';

/** A command from a saga (a report to its aggregate, a request to another), with a commandId fixed
 * per saga and purpose: a resumed saga sending it again gets the first result (command
 * idempotency), never a second effect. */
export async function sendSagaCommand(handleCommand: HandleCommand, ctx: SagaIdentity, purpose: string, type: string, data: object, tenantId?: string): Promise<void> {
  await handleCommand({
    type,
    data,
    metadata: {
      commandId: `saga:${ctx.sagaName}:${ctx.sagaId}:${purpose}`,
      actor: `system:saga-${ctx.sagaName}`,
      correlationId: ctx.correlationId,
      causationId: ctx.sagaId,
      ...(tenantId ? { tenantId } : {}),
    },
  });
}
