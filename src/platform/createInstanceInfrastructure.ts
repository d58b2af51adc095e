import { createDockerAdapter } from '../adapters/docker/createDockerAdapter';
import { createDockerClient } from '../adapters/docker/createDockerClient';
import type { DockerAdapter } from '../adapters/docker/dockerAdapter';
import { dockerAdapterSettingsFromConfig } from '../adapters/docker/dockerAdapterSettingsFromConfig';
import { createPostgresAdmin } from '../adapters/postgresAdmin/createPostgresAdmin';
import type { PostgresAdmin } from '../adapters/postgresAdmin/postgresAdmin';
import { breakerOptionsFromConfig } from '../adapters/resilience/breakerOptionsFromConfig';
import { createCircuitBreaker } from '../adapters/resilience/createCircuitBreaker';
import { guardDockerAdapter } from '../adapters/resilience/guardDockerAdapter';
import { guardPostgresAdmin } from '../adapters/resilience/guardPostgresAdmin';
import { createRouter } from '../adapters/router/createRouter';
import type { Config } from '../config';
import type { InstanceRouter } from '../sagas/instances/instanceRouter';
import { instanceRouterFor } from '../sagas/instances/instanceRouterFor';

export interface InstanceInfrastructure {
  /** Behind a circuit breaker: an open breaker pauses sagas instead of failing them. */
  docker: DockerAdapter;
  postgresAdmin: PostgresAdmin;
  /** Null with Traefik: routes come from the container labels. */
  router: InstanceRouter | null;
  close(): Promise<void>;
}

/** Docker, the instances cluster and the router, as the sagas and the status route use them. */
export function createInstanceInfrastructure(config: Config): InstanceInfrastructure {
  const breakerOptions = breakerOptionsFromConfig(config);
  const dockerBreaker = createCircuitBreaker('docker', breakerOptions);
  const postgresBreaker = createCircuitBreaker('postgresAdmin', breakerOptions);
  const docker = guardDockerAdapter(createDockerAdapter(createDockerClient(config.DOCKER_SOCKET), dockerAdapterSettingsFromConfig(config)), dockerBreaker);
  const rawAdmin = createPostgresAdmin(config.INSTANCE_DB_ADMIN_URL, { pgBinDir: config.PG_BIN_DIR || undefined });
  const postgresAdmin = guardPostgresAdmin(rawAdmin, postgresBreaker);
  const router = createRouter(config);
  const instanceRouter = instanceRouterFor(router, docker, { network: config.INSTANCE_NETWORK, httpPort: config.INSTANCE_HTTP_PORT });
  return {
    docker,
    postgresAdmin,
    router: instanceRouter,
    async close() {
      dockerBreaker.shutdown();
      postgresBreaker.shutdown();
      await rawAdmin.close();
    },
  };
}
