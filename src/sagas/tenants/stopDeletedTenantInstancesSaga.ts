import { loadInstanceState } from '../../commands/loadInstanceState';
import { DomainError } from '../../domain/shared/decider';
import type { TenantDeleted } from '../../domain/tenant/tenantEvents';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import { defineSaga } from '../runtime/defineSaga';
import type { SagaDefinition } from '../runtime/sagaDefinition';
import { PermanentSagaError, SagaDeferral } from '../runtime/sagaErrors';
import type { TenantSagaDeps } from './tenantSagaDeps';
import { tenantStream } from '../../domain/tenant/tenantStream';

type Input = TenantDeleted['data'];
const busyWaitMs = 10_000;

/**
 * A deleted tenant's instances stop (docs/decisions/044): their data stays for the retention
 * period, nothing serves. The saga only sends StopInstance through the command pipeline, one per
 * running instance with a command id fixed per instance, so a resumed run repeats nothing; the
 * instance sagas do the stopping. Instances in the middle of something (provisioning, a restart, a
 * backup's hold) are waited for, then stopped.
 */
export function stopDeletedTenantInstancesSaga(deps: TenantSagaDeps): SagaDefinition<Input> {
  return defineSaga<Input>('stopDeletedTenantInstances')
    .step('stopRunningInstances', {
      timeoutMs: 60_000,
      run: async (ctx) => {
        const { tenantId } = ctx.input;
        const deletion = (await deps.store.readStream(tenantStream(tenantId))).find((event) => event.type === 'TenantDeleted');
        if (!deletion) throw new PermanentSagaError(`tenant ${tenantId} has no TenantDeleted`);
        let busy = 0;
        let stopping = 0;
        for (const instanceId of await deps.instancesOfTenant(tenantId, deletion.position)) {
          const state = await loadInstanceState(deps.store, instanceId);
          if (state.status === 'absent' || ['failed', 'deleting', 'deleted'].includes(state.status) || state.pendingOperation === 'stop') continue;
          // Provisioning, or a start, restart, resize, restore or backup in flight: stop it once it ends.
          if (state.status === 'provisioning' || state.pendingOperation !== null) {
            busy += 1;
            continue;
          }
          if (state.status !== 'running') continue;
          try {
            await sendSagaCommand(deps.handleCommand, ctx, `stop:${instanceId}`, 'StopInstance', { instanceId }, tenantId);
            stopping += 1;
          } catch (error) {
            // Something started on the instance between the look and the command: try again later.
            if (!(error instanceof DomainError)) throw error;
            busy += 1;
          }
        }
        if (busy > 0) throw new SagaDeferral(new Date(Date.now() + busyWaitMs), `${busy} instance(s) of the deleted tenant are busy`);
        return { stopping };
      },
    })
    // The instances report their own stops; a deleted tenant has no aggregate to report to.
    .onCompleted(async () => undefined)
    .onFailed(async () => undefined)
    .build();
}
