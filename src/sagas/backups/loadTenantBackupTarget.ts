import type { EventStore } from '../../ports/eventStore';
import { tenantBackupTargetDecider } from '../../domain/backupTarget/tenantBackupTargetDecider';
import type { TenantBackupTargetState } from '../../domain/backupTarget/tenantBackupTargetState';
import { backupTargetStream } from '../../domain/backupTarget/backupTargetStream';
import { aggregateStream } from '../../commands/aggregateStream';

/** The tenant's off-site target from its own stream (no read model: a copy must go where the
 * tenant said last, and GET must show what a PUT just set). */
export async function loadTenantBackupTarget(store: EventStore, tenantId: string): Promise<TenantBackupTargetState> {
  return aggregateStream(store, tenantBackupTargetDecider, backupTargetStream(tenantId));
}
