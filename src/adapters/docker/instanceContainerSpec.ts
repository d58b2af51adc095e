import type { SubnetPool } from './subnetPool';

/** Platform-wide container settings, normally from config (dockerSettingsFromConfig). */
export interface DockerAdapterSettings {
  /** Full reference, e.g. odoo:17. */
  image: string;
  /** Base name of the per-tenant networks (instanceNetworkName). */
  network: string;
  /** Containers joined to every tenant network: the router and, in compose, the instances cluster. */
  tenantNetworkMembers?: string[];
  /** Where tenant networks take their subnets (INSTANCE_SUBNET_POOL); the engine's default pools when absent. */
  subnetPool?: SubnetPool;
  httpPort: number;
  dbHost: string;
  dbPort: number;
  baseDomain: string;
  traefikEntrypoint: string;
  stopTimeoutSeconds: number;
  healthTimeoutMs: number;
  healthPollMs: number;
  /** How often Docker runs the container's own health check (what Traefik routes on); 2 s when absent. */
  healthCheckIntervalMs?: number;
  /** Labels put on everything the adapter creates, e.g. { 'platform.test': '1' } in tests. */
  extraLabels: Record<string, string>;
  /** How the platform reaches a container's HTTP port when it is not published: its IP on the network
   * (platform on the Docker host), its name (platform inside the same Docker network), or curl inside
   * the container through the Docker API ('exec': the platform joins no tenant network, compose). */
  healthAddress: 'container-ip' | 'container-name' | 'exec';
  /** 'fail' (default): a saga must decide; 'recreate': stop, remove and create again (volume kept). */
  onMismatch: 'fail' | 'recreate';
}
