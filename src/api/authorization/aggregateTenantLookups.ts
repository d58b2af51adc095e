import type { EventStore } from '../../ports/eventStore';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant of an instance or backup from the first event of its own stream (it never changes), so
 * authorization, over HTTP and AMQP alike, does not depend on a read model having caught up. */
export function aggregateTenantLookups(store: EventStore) {
  const tenantOf = async (stream: string, id: string) => {
    if (!uuid.test(id)) return null;
    const [first] = await store.readStream(`${stream}-${id}`, { maxCount: 1 });
    return ((first?.data as { tenantId?: string } | undefined)?.tenantId) ?? null;
  };
  return {
    tenantOfInstance: (instanceId: string) => tenantOf('instance', instanceId),
    tenantOfBackup: (backupId: string) => tenantOf('backup', backupId),
  };
}
