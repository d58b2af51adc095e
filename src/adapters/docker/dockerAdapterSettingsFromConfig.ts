import type { Config } from '../../config';
import type { DockerAdapterSettings } from './instanceContainerSpec';

export function dockerAdapterSettingsFromConfig(config: Config, overrides: Partial<DockerAdapterSettings> = {}): DockerAdapterSettings {
  return {
    image: `${config.INSTANCE_IMAGE}:${config.INSTANCE_IMAGE_TAG}`,
    network: config.INSTANCE_NETWORK,
    httpPort: config.INSTANCE_HTTP_PORT,
    dbHost: config.INSTANCE_DB_HOST_FOR_CONTAINERS,
    dbPort: config.INSTANCE_DB_PORT_FOR_CONTAINERS,
    baseDomain: config.BASE_DOMAIN,
    traefikEntrypoint: config.TRAEFIK_ENTRYPOINT,
    stopTimeoutSeconds: config.INSTANCE_STOP_TIMEOUT_SECONDS,
    healthTimeoutMs: config.INSTANCE_HEALTH_TIMEOUT_MS,
    healthPollMs: config.INSTANCE_HEALTH_POLL_MS,
    extraLabels: {},
    healthAddress: 'container-ip',
    onMismatch: 'fail',
    ...overrides,
  };
}
