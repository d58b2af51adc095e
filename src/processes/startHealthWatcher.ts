import { randomUUID } from 'node:crypto';
import type { DockerEngine, ContainerEvent, EventFollower } from '../ports/dockerEngine';
import { INSTANCE_LABEL, TENANT_LABEL } from '../ports/dockerEngine';
import type { HandleCommand } from '../commands/handleCommand';
import { probeInstanceHealth, type HealthObservation } from './probeInstanceHealth';
import type { WatchedInstance } from '../projections/instances/runningInstances';

export interface HealthWatcherLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface HealthWatcherDeps {
  docker: DockerEngine;
  handleCommand: HandleCommand;
  /** Instances believed running, with the health last recorded (runningInstances). */
  listInstances: () => Promise<WatchedInstance[]>;
  /** INSTANCE_HEALTH_INTERVAL_MS. */
  intervalMs: number;
  /** How long one /web/health probe may take to answer 2xx. */
  probeTimeoutMs?: number;
  /** Consecutive failed probes before "unhealthy": one slow answer is not news. */
  unhealthyAfter?: number;
  logger?: HealthWatcherLogger;
}

export interface HealthWatcher {
  /** One probe round now (tests, and after a start event). */
  probeAll(): Promise<void>;
  stop(): Promise<void>;
}

const actor = 'system:health-watcher';
// An `oom` event precedes its `die`; Docker may have restarted the container (and forgotten
// OOMKilled) by the time we inspect it, so the event itself is remembered this long.
const OOM_MEMORY_MS = 60_000;
const PROBE_CONCURRENCY = 8;

/**
 * Watches running instances (issue 6 §6): Docker's die/oom/start events of containers labelled
 * platform.instance, and a periodic /web/health probe. Reports go through the command pipeline as
 * RecordInstanceHealth; the decider turns a report into an event only when the health changes, and
 * the watcher sends a probe's report only when it differs from what the read model shows, so a steady
 * instance costs no commands. Several watchers may run: duplicate reports decide to nothing.
 */
export async function startHealthWatcher(deps: HealthWatcherDeps): Promise<HealthWatcher> {
  const probeTimeoutMs = deps.probeTimeoutMs ?? Math.min(5000, deps.intervalMs);
  const unhealthyAfter = deps.unhealthyAfter ?? 2;
  const lastSent = new Map<string, HealthObservation['health']>();
  const failures = new Map<string, number>();
  const recentOoms = new Map<string, number>();
  const queues = new Map<string, Promise<void>>();
  let stopped = false;

  // Per instance, reports are sent in the order observed (a crash before its recovery).
  const send = (instanceId: string, observation: HealthObservation, commandId: string, tenantId?: string) => {
    const previous = queues.get(instanceId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await deps.handleCommand({
          type: 'RecordInstanceHealth',
          data: { instanceId, ...observation },
          metadata: { commandId, actor, correlationId: randomUUID(), ...(tenantId ? { tenantId } : {}) },
        });
        lastSent.set(instanceId, observation.health);
      } catch (error) {
        deps.logger?.warn({ err: error, instanceId, health: observation.health }, 'health report refused');
      }
    });
    queues.set(instanceId, next);
    void next.finally(() => {
      if (queues.get(instanceId) === next) queues.delete(instanceId);
    });
    return next;
  };

  const probeOne = async (instance: WatchedInstance) => {
    const { instanceId } = instance;
    let observation: HealthObservation;
    try {
      observation = await probeInstanceHealth(deps.docker, instanceId, probeTimeoutMs);
    } catch (error) {
      // Docker itself unreachable (or its breaker open): no news about the instance.
      deps.logger?.warn({ err: error, instanceId }, 'health probe failed');
      return;
    }
    if (observation.health === 'unhealthy') {
      const count = (failures.get(instanceId) ?? 0) + 1;
      failures.set(instanceId, count);
      if (count < unhealthyAfter) return;
    } else {
      failures.delete(instanceId);
    }
    if (observation.health === instance.health) {
      lastSent.delete(instanceId);
      return;
    }
    // Already reported; the read model has not caught up yet.
    if (lastSent.get(instanceId) === observation.health) return;
    await send(instanceId, observation, randomUUID());
  };

  const probeAll = async () => {
    const instances = await deps.listInstances();
    const watched = new Set(instances.map((i) => i.instanceId));
    for (const map of [lastSent, failures]) for (const id of map.keys()) if (!watched.has(id)) map.delete(id);
    const pending = [...instances];
    const lanes = Array.from({ length: Math.min(PROBE_CONCURRENCY, pending.length) }, async () => {
      for (let next = pending.shift(); next && !stopped; next = pending.shift()) await probeOne(next);
    });
    await Promise.all(lanes);
  };

  const onEvent = (event: ContainerEvent) => {
    const instanceId = event.labels[INSTANCE_LABEL];
    if (!instanceId || stopped) return;
    const tenantId = event.labels[TENANT_LABEL];
    if (event.action === 'oom') {
      recentOoms.set(event.containerId, Date.now());
      return;
    }
    if (event.action === 'die') {
      void (async () => {
        const oomAt = recentOoms.get(event.containerId);
        recentOoms.delete(event.containerId);
        const inspected = await deps.docker.inspect(instanceId).catch(() => null);
        const oomKilled = (oomAt !== undefined && Date.now() - oomAt < OOM_MEMORY_MS) || (inspected?.exists === true && inspected.oomKilled);
        const detail = `container died (exit code ${event.exitCode ?? 'unknown'}${oomKilled ? ', OOMKilled' : ''})`;
        failures.delete(instanceId);
        // Deterministic id: two watchers seeing the same Docker event append one report.
        await send(instanceId, {
          health: 'crashed', detail, oomKilled, ...(event.exitCode !== undefined ? { exitCode: event.exitCode } : {}),
        }, `health:${instanceId}:die:${event.timeNano}`, tenantId);
      })();
      return;
    }
    if (event.action === 'start') {
      // Restarted by its restart policy after a crash: find out soon, not at the next round.
      void probeOne({ instanceId, health: 'unknown' }).catch(() => undefined);
    }
  };

  const follower: EventFollower = await deps.docker.followEvents({
    actions: ['die', 'oom', 'start'],
    onEvent,
    onError: (error) => deps.logger?.warn({ err: error }, 'docker events stream lost; resubscribing'),
  });

  let round: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = probeAll()
        .catch((error: unknown) => deps.logger?.warn({ err: error }, 'health probe round failed'))
        .finally(schedule);
    }, deps.intervalMs);
  };
  schedule();
  deps.logger?.info({ intervalMs: deps.intervalMs }, 'health watcher started');

  return {
    probeAll,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      follower.stop();
      await round;
      await Promise.all([...queues.values()]);
    },
  };
}
