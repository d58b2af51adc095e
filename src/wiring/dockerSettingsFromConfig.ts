import type { Config } from '../config';
import { supportedOdooVersions } from '../domain/instance/odooVersions';
import type { DockerAdapterSettings } from '../adapters/docker/instanceContainerSpec';
import { parseSubnetPool } from '../adapters/docker/subnetPool';

export function dockerSettingsFromConfig(config: Config, overrides: Partial<DockerAdapterSettings> = {}): DockerAdapterSettings {
  return {
    // Helper containers (volume archives) use the image of the oldest supported version.
    image: config.ODOO_IMAGES[supportedOdooVersions[0]],
    network: config.INSTANCE_NETWORK,
    tenantNetworkMembers: config.INSTANCE_NETWORK_MEMBERS,
    ...(config.INSTANCE_SUBNET_POOL ? { subnetPool: parseSubnetPool(config.INSTANCE_SUBNET_POOL, config.INSTANCE_SUBNET_PREFIX) } : {}),
    httpPort: config.INSTANCE_HTTP_PORT,
    dbHost: config.INSTANCE_DB_HOST_FOR_CONTAINERS,
    dbPort: config.INSTANCE_DB_PORT_FOR_CONTAINERS,
    baseDomain: config.BASE_DOMAIN,
    traefikEntrypoint: config.TRAEFIK_ENTRYPOINT,
    stopTimeoutSeconds: config.INSTANCE_STOP_TIMEOUT_SECONDS,
    healthTimeoutMs: config.INSTANCE_HEALTH_TIMEOUT_MS,
    healthPollMs: config.INSTANCE_HEALTH_POLL_MS,
    healthCheckIntervalMs: config.INSTANCE_HEALTHCHECK_INTERVAL_MS,
    extraLabels: {},
    healthAddress: config.INSTANCE_REACH === 'exec' ? 'exec' : 'container-ip',
    onMismatch: 'fail',
    ...overrides,
  };
}
