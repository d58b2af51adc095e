import type { BackupSagaDeps } from '../backups/backupSagaDeps';
import { loadInstanceFacts } from '../backups/loadInstanceFacts';
import { permanentIfHopeless } from '../instances/instanceSteps';
import { odooContainerSpec } from '../instances/odooContainerSpec';

/** The instance's container as provisioning makes it (same spec from the instance's own stream), then
 * running and healthy if it ran before. */
export async function recreateInstanceContainer(deps: BackupSagaDeps, instanceId: string, running: boolean): Promise<void> {
  const instance = await loadInstanceFacts(deps.store, instanceId);
  // Set up long ago (admin credentials replaced): ready from the start.
  await deps.docker.ensureContainer({ ...(await odooContainerSpec(deps, { ...instance, instanceId })), ready: true }).catch(permanentIfHopeless);
  if (!running) return;
  await deps.docker.start(instanceId);
  await deps.docker.waitForHealthy(instanceId, { timeoutMs: deps.healthTimeoutMs }).catch(permanentIfHopeless);
}
