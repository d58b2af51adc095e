import type { Readable } from 'node:stream';
import type { HttpTransport } from './httpTransport';

/** The ownership labels every container and volume the engine creates for an instance carries
 * (container events are told apart by them). */
export const INSTANCE_LABEL = 'platform.instance';
export const TENANT_LABEL = 'platform.tenant';

/** What the instance sagas and the health watcher use of Docker; every call is idempotent by instance id. */
export interface DockerEngine {
  /** The tenant's own network (instances of other tenants cannot reach it). */
  ensureNetwork(tenantId: string): Promise<void>;
  /** The platform finished setting the instance up: its health check may pass (Traefik routes it). */
  markReady(instanceId: string): Promise<void>;
  ensureVolume(instanceId: string, tenantId: string): Promise<void>;
  volumeExists(instanceId: string): Promise<boolean>;
  removeVolume(instanceId: string): Promise<void>;
  ensureContainer(spec: InstanceContainerSpec): Promise<EnsureContainerResult>;
  /** A command of the instance's image that ends (Odoo's init, neutralize), run beside the instance
   * with its env, volume and network, then removed. */
  runOneOff(spec: InstanceContainerSpec, run: { purpose: string; args: string[]; signal?: AbortSignal }): Promise<OneOffResult>;
  /** How the platform talks HTTP to the running Odoo (waits until it is healthy): its address, or
   * curl inside its container when the platform joins no tenant network (healthAddress 'exec'). */
  odooHttp(instanceId: string): Promise<HttpTransport>;
  start(instanceId: string): Promise<void>;
  stop(instanceId: string, options?: { timeoutSeconds?: number }): Promise<void>;
  restart(instanceId: string, options?: { timeoutSeconds?: number }): Promise<void>;
  remove(instanceId: string, options?: { timeoutSeconds?: number }): Promise<void>;
  updateLimits(instanceId: string, limits: InstanceLimits): Promise<void>;
  inspect(instanceId: string): Promise<ContainerObservation>;
  /** CPU and memory in use now, from the engine's stats; null when not running. */
  stats(instanceId: string): Promise<ContainerStats | null>;
  /** Bytes in every instance's data volume, by instance id (one engine call for all). */
  volumeSizes(): Promise<Map<string, number>>;
  waitForHealthy(instanceId: string, options?: { timeoutMs?: number }): Promise<{ url: string | null; elapsedMs: number }>;
  /** Tar of the data volume, streamed. `volume` overrides the instance's own (restore into a new one). */
  getVolumeArchive(instanceId: string, options?: { volume?: string }): Promise<Readable>;
  putVolumeArchive(instanceId: string, archive: Readable, options?: { volume?: string }): Promise<void>;
  followEvents(options: Omit<FollowContainerEventsOptions, 'labels'> & { labels?: string[] }): Promise<EventFollower>;
}

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

export interface EnsureContainerResult {
  id: string;
  /** created = new container; existing = present and equal; recreated = replaced after a mismatch. */
  outcome: 'created' | 'existing' | 'recreated';
}

export interface OneOffResult {
  exitCode: number;
  /** The last lines the command printed (Odoo logs no passwords), for failure reasons. */
  logTail: string;
  elapsedMs: number;
}

export interface ContainerStats {
  /** Of one CPU: 150 = one and a half CPUs busy. */
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
}

export interface ContainerEvent {
  action: string;
  containerId: string;
  name: string | undefined;
  labels: Record<string, string>;
  /** Present on `die`. */
  exitCode: number | undefined;
  timeNano: bigint;
}

export interface FollowContainerEventsOptions {
  /** Label filters as Docker takes them: `key` or `key=value`; all must match. */
  labels: string[];
  actions?: string[];
  onEvent: (event: ContainerEvent) => void;
  /** Stream lost; the follower reconnects by itself (from the last event it saw). */
  onError?: (error: Error) => void;
  reconnectDelayMs?: number;
}

export interface EventFollower {
  stop(): void;
}

export type ContainerObservation =
  | { exists: false; name: string }
  | {
      exists: true;
      name: string;
      id: string;
      status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
      running: boolean;
      oomKilled: boolean;
      exitCode: number;
      startedAt: string;
      finishedAt: string;
      restartCount: number;
      /** Docker HEALTHCHECK status when the image defines one; our own check is waitForHealthy. */
      health: string | null;
      limits: InstanceLimits;
      labels: Record<string, string>;
      /** IP on each attached network. */
      networks: Record<string, string>;
      publishedHttp: { hostIp: string; hostPort: number } | null;
    };
