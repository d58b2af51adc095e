import type { EventStore } from '../../ports/eventStore';
import type { TenantBackupTargetEvent } from '../../domain/backupTarget/tenantBackupTargetEvents';
import { tenantBackupTargetDecider } from '../../domain/backupTarget/tenantBackupTargetDecider';
import type { TenantBackupTargetState } from '../../domain/backupTarget/tenantBackupTargetState';

export const tenantBackupTargetStream = (tenantId: string) => `backupTarget-${tenantId}`;

/** The tenant's off-site target from its own stream (no read model: a copy must go where the
 * tenant said last, and GET must show what a PUT just set). */
export async function loadTenantBackupTarget(store: EventStore, tenantId: string): Promise<TenantBackupTargetState> {
  const events = await store.readStream(tenantBackupTargetStream(tenantId));
  return events.reduce((state, event) => tenantBackupTargetDecider.evolve(state, event as unknown as TenantBackupTargetEvent), tenantBackupTargetDecider.initialState());
}
