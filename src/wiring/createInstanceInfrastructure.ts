import { createBackupVolumes } from '../adapters/docker/createBackupVolumes';
import type { BackupVolumes } from '../ports/backupVolumes';
import { createDockerAdapter } from '../adapters/docker/createDockerAdapter';
import { createDockerClient } from '../adapters/docker/createDockerClient';
import type { DockerEngine } from '../ports/dockerEngine';
import { dockerSettingsFromConfig } from './dockerSettingsFromConfig';
import { createOdooRpc } from '../adapters/odoo/createOdooRpc';
import type { OdooRpc } from '../ports/odooRpc';
import { createPostgresAdmin } from '../adapters/postgresAdmin/createPostgresAdmin';
import { createRestoreDatabaseAdmin } from '../adapters/postgresAdmin/createRestoreDatabaseAdmin';
import type { RestoreDatabaseAdmin } from '../ports/restoreDatabaseAdmin';
import type { PostgresAdmin } from '../ports/postgresAdmin';
import { breakerOptionsFromConfig } from './breakerOptionsFromConfig';
import { createCircuitBreaker } from '../adapters/resilience/createCircuitBreaker';
import { guardDockerAdapter } from '../adapters/resilience/guardDockerAdapter';
import { guardPostgresAdmin } from '../adapters/resilience/guardPostgresAdmin';
import { routerFromConfig } from './routerFromConfig';
import type { BackupStorage } from '../ports/backupStorage';
import { backupStorageFromConfig } from './backupStorageFromConfig';
import type { Config } from '../config';
import type { InstanceRouter } from '../ports/instanceRouter';
import { createInstanceRouter } from '../adapters/router/createInstanceRouter';

export interface InstanceInfrastructure {
  /** Behind a circuit breaker: an open breaker pauses sagas instead of failing them. */
  docker: DockerEngine;
  postgresAdmin: PostgresAdmin;
  /** Null with Traefik: routes come from the container labels. */
  router: InstanceRouter | null;
  /** What backups, restores and the restore drill need beyond the above (one of each per process). */
  backupVolumes: BackupVolumes;
  restoreDatabases: RestoreDatabaseAdmin;
  backupStorage: BackupStorage;
  /** XML-RPC to an instance's running Odoo, at the address the health checks use. */
  odoo(instanceId: string): Promise<OdooRpc>;
  close(): Promise<void>;
}

/** Docker, the instances cluster and the router, as the sagas and the status route use them. */
export function createInstanceInfrastructure(config: Config): InstanceInfrastructure {
  const breakerOptions = breakerOptionsFromConfig(config);
  const dockerBreaker = createCircuitBreaker('docker', breakerOptions);
  const postgresBreaker = createCircuitBreaker('postgresAdmin', breakerOptions);
  const dockerClient = createDockerClient(config.DOCKER_SOCKET);
  const dockerSettings = dockerSettingsFromConfig(config);
  const docker = guardDockerAdapter(createDockerAdapter(dockerClient, dockerSettings), dockerBreaker);
  const rawAdmin = createPostgresAdmin(config.INSTANCE_DB_ADMIN_URL, { pgBinDir: config.PG_BIN_DIR || undefined });
  const postgresAdmin = guardPostgresAdmin(rawAdmin, postgresBreaker);
  const router = routerFromConfig(config);
  const instanceRouter = createInstanceRouter(router, docker, { network: config.INSTANCE_NETWORK, httpPort: config.INSTANCE_HTTP_PORT });
  const restoreDatabases = createRestoreDatabaseAdmin(config.INSTANCE_DB_ADMIN_URL);
  const backupStorage = backupStorageFromConfig(config);
  return {
    docker,
    postgresAdmin,
    router: instanceRouter,
    backupVolumes: createBackupVolumes(dockerClient, dockerSettings),
    restoreDatabases,
    backupStorage,
    odoo: async (instanceId) => createOdooRpc(await docker.odooHttp(instanceId)),
    async close() {
      dockerBreaker.shutdown();
      postgresBreaker.shutdown();
      await rawAdmin.close();
      await restoreDatabases.close();
      await backupStorage.close();
    },
  };
}
