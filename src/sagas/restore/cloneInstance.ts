import { loadInstanceState } from '../../commands/loadInstanceState';
import type { BackupManifest } from '../../domain/backup/backupManifest';
import type { RestoreRequest } from '../../domain/restore/restoreDecider';
import type { InstanceEvent } from '../../domain/instance/instanceEvents';
import type { BackupSagaDeps } from '../backups/backupSagaDeps';
import { sendSagaCommand } from '../runtime/sendSagaCommand';
import type { SagaContext } from '../runtime/sagaDefinition';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { permanentIfRefused } from './permanentIfRefused';
import { instanceStream } from '../../domain/instance/instanceStream';

/**
 * The clone's instance, provisioned like any other (its own role, database, volume, container and
 * subdomain claim) under the restore's deterministic instance id, with the source's spec (language,
 * admin) and the backup's Odoo version. Waits until it runs; a failed provisioning is permanent.
 * The source may be deleted by now: its spec is folded from its stream, which keeps it.
 */
export async function provisionClone(deps: BackupSagaDeps, ctx: SagaContext<RestoreRequest>, manifest: BackupManifest): Promise<void> {
  const { input } = ctx;
  const clone = input.clone!;
  const source = await loadInstanceState(deps.store, manifest.instanceId);
  if (source.status === 'absent') throw new PermanentSagaError(`the backup's instance ${manifest.instanceId} is unknown`);
  await sendSagaCommand(deps.handleCommand, ctx, 'provision-clone', 'ProvisionInstance', {
    instanceId: input.instanceId, tenantId: input.tenantId, name: clone.name, subdomain: clone.subdomain,
    plan: clone.plan ?? source.plan, odooVersion: manifest.odooVersion, adminEmail: source.adminEmail,
    demoData: false, language: source.language,
  }, input.tenantId).catch(permanentIfRefused('the clone cannot be provisioned'));
  for (;;) {
    const state = await loadInstanceState(deps.store, input.instanceId);
    if (state.status === 'running' || state.status === 'stopped') return;
    if (state.status !== 'provisioning' && state.status !== 'absent') {
      const events = (await deps.store.readStream(instanceStream(input.instanceId))) as unknown as InstanceEvent[];
      const failure = events.find((event) => event.type === 'InstanceProvisioningFailed');
      const reason = failure?.type === 'InstanceProvisioningFailed' ? `${failure.data.failedStep}: ${failure.data.reason}` : state.status;
      throw new PermanentSagaError(`the clone could not be provisioned (${reason})`);
    }
    if (ctx.signal.aborted) throw ctx.signal.reason;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Compensation: a clone that did not get its data is deleted at once (no grace: it never held
 * anything of the customer's but a copy). Its hold is released first, or the delete is refused. */
export async function discardClone(deps: BackupSagaDeps, ctx: SagaContext<RestoreRequest>): Promise<void> {
  const { input } = ctx;
  const state = await loadInstanceState(deps.store, input.instanceId);
  if (state.status === 'absent' || state.status === 'deleting' || state.status === 'deleted') return;
  await sendSagaCommand(deps.handleCommand, ctx, 'release-discarded-clone', 'RecordInstanceRestoreFailed', {
    instanceId: input.instanceId, restoreId: input.restoreId, reason: 'the clone failed; it is deleted',
  }, input.tenantId);
  // Still provisioning (the wait timed out): refused for now; compensations retry until it settles.
  await sendSagaCommand(deps.handleCommand, ctx, 'discard-clone', 'DeleteInstance', {
    instanceId: input.instanceId, gracePeriodSeconds: 0, reason: `clone by restore ${input.restoreId} failed`,
  }, input.tenantId);
}
