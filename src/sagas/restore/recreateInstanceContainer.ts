import type { BackupSagaDeps } from '../backups/backupSagaDeps';
import { loadInstanceFacts } from '../backups/loadInstanceFacts';
import { instanceDatabaseName, instanceSecretReference } from '../instances/instanceDatabaseName';
import { permanentIfHopeless } from '../instances/instanceSteps';

/** The instance's container as provisioning makes it (same spec from the instance's own stream), then
 * running and healthy if it ran before. */
export async function recreateInstanceContainer(deps: BackupSagaDeps, instanceId: string, running: boolean): Promise<void> {
  const instance = await loadInstanceFacts(deps.store, instanceId);
  const password = await deps.secrets.read(instanceSecretReference(instanceId));
  if (password === null) throw new Error(`the database password of instance ${instanceId} is missing`);
  const { memoryMb, cpus } = deps.plans[instance.plan];
  await deps.docker.ensureContainer({
    instanceId, tenantId: instance.tenantId, subdomain: instance.subdomain,
    dbUser: instanceDatabaseName(instanceId), dbPassword: password,
    limits: { memoryBytes: memoryMb * 1024 * 1024, nanoCpus: Math.round(cpus * 1e9) },
    ...(deps.containerEnv ? { extraEnv: deps.containerEnv } : {}),
  }).catch(permanentIfHopeless);
  if (!running) return;
  await deps.docker.start(instanceId);
  await deps.docker.waitForHealthy(instanceId, { timeoutMs: deps.healthTimeoutMs }).catch(permanentIfHopeless);
}
