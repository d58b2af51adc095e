import type { Logger } from 'pino';
import type { EventStore } from '../ports/eventStore';
import { startBus } from './startBus';
import { createCommandAuthorizer } from '../api/authorization/createCommandAuthorizer';
import { commandHandlers } from '../commands/commandHandlers';
import type { Config } from '../config';
import { createInstanceInfrastructure, type InstanceInfrastructure } from './createInstanceInfrastructure';
import { builtInSecretKeys } from './builtInSecretKeys';
import { createPlatformCore } from './createPlatformCore';
import { startApiRole } from './startApiRole';
import { assertMetricsExposureAllowed, startMetricsListener } from './startMetricsListener';
import { startWorkerRole } from './startWorkerRole';

export type Role = 'api' | 'worker' | 'all';

export interface Platform {
  /** Base URL of the HTTP API when the api role runs. */
  url: string | null;
  /** Base URL of this process's metrics listener (GET /metrics). */
  metricsUrl: string;
  store: EventStore;
  /** Resolves once the bus consumes (command queue and consumer groups declared); the platform
   * does not wait for it at start, so HTTP serves while the broker is still unreachable. */
  busReady(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires adapters to use cases for the given role (docs/architecture.md, Processes and roles). Stops run in reverse. */
export async function startPlatform(config: Config, role: Role, logger: Logger): Promise<Platform> {
  const builtInKeys = builtInSecretKeys(config);
  if (builtInKeys.length > 0) {
    logger.warn({ builtInKeys }, 'PLATFORM_DEV_MODE: running on built-in development keys, which anyone can read in the source; never expose this platform');
  }
  assertMetricsExposureAllowed(config);
  const core = await createPlatformCore(config, logger);
  const stops: Array<() => Promise<void>> = [() => core.close()];
  const metrics = await startMetricsListener(config, logger);
  stops.push(() => metrics.stop());
  const instances: InstanceInfrastructure | null = config.SAGAS_ENABLED ? createInstanceInfrastructure(config) : null;
  if (instances) stops.push(() => instances.close());

  const worker = role === 'api' ? null : await startWorkerRole(core, instances);
  if (worker) stops.push(() => worker.stop());

  let busReady = async (): Promise<void> => undefined;
  if (config.BUS_ENABLED) {
    const { tenantOfInstance, tenantOfBackup } = core.tenantLookups;
    const bus = await startBus({
      config,
      pool: core.pool,
      store: core.store,
      logger: logger.child({ component: 'bus' }),
      relay: role !== 'api',
      consumers: worker?.consumers ?? [],
      ...(role !== 'worker'
        ? {
            handleCommand: core.handleCommand,
            authorizeCommand: createCommandAuthorizer(commandHandlers, core.authorizer, {
              instanceQuota: core.instanceQuota,
              // Instance and backup commands name only their aggregate; the policy needs its tenant.
              resolveTenantId: async (_type, data) => {
                if (typeof data.instanceId === 'string') return (await tenantOfInstance(data.instanceId)) ?? undefined;
                if (typeof data.backupId === 'string') return (await tenantOfBackup(data.backupId)) ?? undefined;
                return undefined;
              },
            }),
          }
        : {}),
    });
    stops.push(() => bus.stop());
    busReady = () => bus.ready();
  }

  const api = role === 'worker' ? null : await startApiRole(core, instances);
  if (api) stops.push(() => api.stop());

  return {
    url: api?.url ?? null,
    metricsUrl: metrics.url,
    store: core.store,
    busReady,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
