import type { InstanceOperation } from '../../domain/instance/instanceCommands';
import type { SagaDefinition, SagaStep } from '../runtime/sagaDefinition';
import type { InstanceSagaDeps } from './instanceSagaDeps';
import { reportToInstance } from './reportToInstance';

/** A lifecycle saga: its steps, then the operation's outcome reported to the aggregate. */
export function lifecycleSaga<Input extends { instanceId: string }>(
  deps: InstanceSagaDeps, name: string, operation: InstanceOperation, steps: Array<SagaStep<Input>>,
): SagaDefinition<Input> {
  return {
    name,
    steps,
    async onCompleted(ctx) {
      await reportToInstance(deps, ctx, 'completed', 'RecordInstanceOperationCompleted', { instanceId: ctx.input.instanceId, operation });
    },
    async onFailed(ctx, failure) {
      await reportToInstance(deps, ctx, 'failed', 'RecordInstanceOperationFailed', {
        instanceId: ctx.input.instanceId, operation, reason: `${failure.step}: ${failure.reason}`.slice(0, 2000),
      });
    },
  };
}
