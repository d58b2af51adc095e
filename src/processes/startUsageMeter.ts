import { randomUUID } from 'node:crypto';
import type { DockerEngine } from '../ports/dockerEngine';
import type { PostgresAdmin } from '../ports/postgresAdmin';
import type { UsageStore } from '../ports/usageStore';
import type { HandleCommand } from '../commands/handleCommand';
import type { InstancePlanCatalogue } from '../domain/instance/instancePlanCatalogue';
import type { InstancePlanName } from '../domain/instance/instancePlans';
import { usageLevel } from '../domain/instance/usageLevel';
import { instanceDatabaseName } from '../sagas/instances/instanceDatabaseName';
import type { MeteredInstance } from '../projections/instances/meteredInstances';

export interface UsageMeterDeps {
  docker: Pick<DockerEngine, 'volumeSizes'>;
  postgresAdmin: Pick<PostgresAdmin, 'databaseSizes'>;
  handleCommand: HandleCommand;
  usage: UsageStore;
  listInstances: () => Promise<MeteredInstance[]>;
  plans: InstancePlanCatalogue;
  /** USAGE_METER_INTERVAL_MS; 0 = only when measureAll is called. */
  intervalMs: number;
  now?: () => Date;
  logger?: { warn(details: object, message: string): void };
}

export interface UsageMeter {
  /** One round now: every instance measured, a report sent where the level changed. */
  measureAll(): Promise<void>;
  stop(): Promise<void>;
}

const actor = 'system:usage-meter';

/**
 * Disk use per instance (issue 12): its database's size plus its data volume's, against the plan's
 * diskQuotaGb. Each round stores the numbers (shown by /status) and sends RecordInstanceUsage only
 * when the level differs from the read model's, so a steady instance costs no command; the decider
 * turns a changed level into InstanceUsageLevelChanged (and the notifier into a mail).
 */
export async function startUsageMeter(deps: UsageMeterDeps): Promise<UsageMeter> {
  const now = deps.now ?? (() => new Date());
  let stopped = false;
  let running: Promise<void> | null = null;

  const round = async () => {
    const instances = await deps.listInstances();
    if (instances.length === 0) return;
    const [volumes, databases] = await Promise.all([
      deps.docker.volumeSizes(), deps.postgresAdmin.databaseSizes(instances.map((i) => instanceDatabaseName(i.instanceId))),
    ]);
    for (const instance of instances) {
      const plan = deps.plans[instance.plan as InstancePlanName] ?? deps.plans.starter;
      const measurement = {
        instanceId: instance.instanceId, measuredAt: now(), quotaBytes: Math.round(plan.diskQuotaGb * 1e9),
        databaseBytes: databases.get(instanceDatabaseName(instance.instanceId)) ?? 0, volumeBytes: volumes.get(instance.instanceId) ?? 0,
      };
      await deps.usage.record(measurement);
      if (usageLevel(measurement.databaseBytes + measurement.volumeBytes, measurement.quotaBytes) === instance.usageLevel) continue;
      await deps.handleCommand({
        type: 'RecordInstanceUsage',
        data: { instanceId: instance.instanceId, databaseBytes: measurement.databaseBytes, volumeBytes: measurement.volumeBytes, quotaBytes: measurement.quotaBytes },
        metadata: { commandId: randomUUID(), actor, correlationId: randomUUID(), tenantId: instance.tenantId },
      }).catch((error: unknown) => deps.logger?.warn({ err: error, instanceId: instance.instanceId }, 'usage report refused'));
    }
  };
  const measureAll = async () => {
    // One round at a time: a slow engine must not pile rounds up.
    running ??= round().finally(() => { running = null; });
    await running;
  };
  const timer = deps.intervalMs > 0
    ? setInterval(() => {
      if (!stopped) void measureAll().catch((error: unknown) => deps.logger?.warn({ err: error }, 'usage round failed'));
    }, deps.intervalMs)
    : null;
  return {
    measureAll,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
