import type { Readable } from 'node:stream';
import type { HttpTransport } from '../adapters/http/httpTransport';
import type { EnsureContainerResult } from '../adapters/docker/ensureContainer';
import type { OneOffResult } from '../adapters/docker/runOneOffContainer';
import type { ContainerStats } from '../adapters/docker/containerStats';
import type { EventFollower, FollowContainerEventsOptions } from '../adapters/docker/followContainerEvents';
import type { ContainerObservation } from '../adapters/docker/inspectInstanceContainer';
import type { InstanceContainerSpec, InstanceLimits } from '../adapters/docker/instanceContainerSpec';

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
