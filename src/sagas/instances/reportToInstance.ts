import type { SagaContext } from '../runtime/sagaDefinition';
import type { InstanceSagaDeps } from './instanceSagaDeps';

/** Sends a saga's report to the Instance aggregate. The commandId is fixed per saga and outcome, so
 * a worker that crashed after reporting reports again harmlessly (command idempotency). */
export async function reportToInstance(deps: InstanceSagaDeps, ctx: SagaContext<unknown>, outcome: string, type: string, data: object): Promise<void> {
  await deps.handleCommand({
    type,
    data,
    metadata: {
      commandId: `saga:${ctx.sagaName}:${ctx.sagaId}:${outcome}`,
      actor: `system:saga-${ctx.sagaName}`,
      correlationId: ctx.correlationId,
      causationId: ctx.sagaId,
    },
  });
}
