import type { SubnetPool } from './subnetPool';

/** CPU and memory of a plan; applied at create and live by `docker update`. */
export interface InstanceLimits {
  memoryBytes: number;
  /** 1e9 = one CPU. */
  nanoCpus: number;
}

/** What a saga knows about one instance's container. Everything else comes from DockerAdapterSettings. */
export interface InstanceContainerSpec {
  instanceId: string;
  tenantId: string;
  /** DNS label; the instance answers on <subdomain>.<baseDomain>. */
  subdomain: string;
  /** The instance's database role (odoo:17 env USER / PASSWORD). */
  dbUser: string;
  dbPassword: string;
  limits: InstanceLimits;
  /** The image of the instance's Odoo version (the settings' image when absent). */
  image?: string;
  /** Odoo's configuration file (/etc/odoo/odoo.conf, ODOO_RC of the official image), put into the
   * container before it starts: read-only for Odoo's user, so the instance cannot reopen its own
   * database manager. */
  odooConfig?: string;
  /** The platform finished setting it up (admin credentials replaced): the ready mark is put in, and
   * only then does its Docker health check pass, which is when Traefik starts routing to it. */
  ready?: boolean;
  /** Extra environment, e.g. the stand-in's STANDIN_UNHEALTHY in tests. */
  extraEnv?: Record<string, string>;
  /** Publish the HTTP port on the host (the caddy router on a host without access to bridge IPs). */
  publishHttp?: { hostIp: string; hostPort?: number };
}

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
  /** Labels put on everything the adapter creates, e.g. { 'platform.test': '1' } in tests. */
  extraLabels: Record<string, string>;
  /** How the platform reaches a container's HTTP port when it is not published: its IP on the network
   * (platform on the Docker host), its name (platform inside the same Docker network), or curl inside
   * the container through the Docker API ('exec': the platform joins no tenant network, compose). */
  healthAddress: 'container-ip' | 'container-name' | 'exec';
  /** 'fail' (default): a saga must decide; 'recreate': stop, remove and create again (volume kept). */
  onMismatch: 'fail' | 'recreate';
}
