import type pg from 'pg';
import type { HandleCommand } from '../commands/handleCommand';
import type { BackupPolicyQueries } from '../projections/backupPolicies/queryBackupPolicies';
import { tryAdvisoryLock } from '../projections/runtime/tryAdvisoryLock';
import type { DrillOutcome } from './drillBackup';
import { fireDueBackups } from './fireDueBackups';
import { pruneInstanceBackups, type PruneBackupsDeps } from './pruneInstanceBackups';
import { runRestoreDrill, type RestoreDrillJobDeps } from './runRestoreDrill';

export interface BackupSchedulerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface BackupSchedulerOptions {
  /** Source of the advisory-lock connections (retention and the drill: one worker at a time). */
  pool: pg.Pool;
  /** Part of the lock keys, so platforms sharing a PostgreSQL cluster (tests) never share a lock. */
  lockScope: string;
  handleCommand: HandleCommand;
  policies: Pick<BackupPolicyQueries, 'schedulesInForce' | 'retentionInForce'>;
  prune: Omit<PruneBackupsDeps, 'handleCommand'>;
  /** Null: no drill (e.g. no Docker engine). */
  drill: Omit<RestoreDrillJobDeps, 'now' | 'stopped'> | null;
  /** BACKUP_SCHEDULER_INTERVAL_MS: how often the loops look for work. */
  intervalMs: number;
  /** Catch-up window of missed slots. */
  lookbackMs: number;
  retentionIntervalMs: number;
  pruneMinAgeMs: number;
  /** UTC hour from which the day's drill runs. */
  drillHourUtc: number;
  now?(): Date;
  logger?: BackupSchedulerLogger;
  /** false: no loops, the jobs run only when called (tests drive them with their own clock). */
  autoStart?: boolean;
}

export interface BackupScheduler {
  /** One scheduler tick: every due slot becomes a BackupInstance (idempotent per slot). */
  fireDue(): Promise<number>;
  /** GFS retention of every instance, unless another worker is at it (then null). */
  applyRetention(): Promise<{ instances: number; pruned: number; failed: number } | null>;
  /** The day's restore drill when due and not yet run here; null when not due or another worker drills. */
  drillIfDue(): Promise<DrillOutcome[] | null>;
  stop(): Promise<void>;
}

const actor = 'system:backup-retention';

/**
 * The worker's backup jobs (issue 7 §4, §5): each interval, fire due schedule slots (every worker
 * may: the slot's commandId makes it one backup) and, every retentionIntervalMs, prune by GFS under
 * an advisory lock; in a loop of its own (a drill takes minutes and must not delay slots), the daily
 * restore drill from drillHourUtc, under another lock. A failure is logged and the loop goes on;
 * stop() lets the work in hand finish (a drill stops between backups).
 */
export function startBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const now = options.now ?? (() => new Date());
  const log = options.logger;
  let stopped = false;
  let lastRetentionAt = Number.NEGATIVE_INFINITY;
  let lastDrillDay: string | null = null;

  const fireDue = () => fireDueBackups({
    handleCommand: options.handleCommand, schedules: () => options.policies.schedulesInForce(), now, lookbackMs: options.lookbackMs,
    onError: (schedule, error) => log?.warn({ err: error, instanceId: schedule.instanceId }, 'a scheduled backup could not be requested; retried next tick'),
  });

  const withLock = async <T>(job: string, run: () => Promise<T>): Promise<T | null> => {
    const lock = await tryAdvisoryLock(options.pool, `backup-${job}:${options.lockScope}`);
    if (!lock) return null;
    try {
      return await run();
    } finally {
      await lock.release();
    }
  };

  const applyRetention = () => withLock('retention', async () => {
    const at = now();
    let pruned = 0;
    let failed = 0;
    const targets = await options.policies.retentionInForce();
    for (const { instanceId, retention } of targets) {
      if (stopped) break;
      try {
        const outcome = await pruneInstanceBackups({ ...options.prune, handleCommand: options.handleCommand }, instanceId, retention, {
          dryRun: false, now: at, minAgeMs: options.pruneMinAgeMs, actor,
        });
        pruned += outcome.pruned.length;
        if (outcome.pruned.length > 0) log?.info({ instanceId, pruned: outcome.pruned.length, kept: outcome.kept.length }, 'backups pruned');
      } catch (error) {
        failed += 1;
        log?.warn({ err: error, instanceId }, 'pruning the backups of an instance failed; retried next round');
      }
    }
    return { instances: targets.length, pruned, failed };
  });

  const drillIfDue = async (): Promise<DrillOutcome[] | null> => {
    const at = now();
    const day = at.toISOString().slice(0, 10);
    if (!options.drill || at.getUTCHours() < options.drillHourUtc || lastDrillDay === day) return null;
    const drill = options.drill;
    const outcomes = await withLock('drill', () => runRestoreDrill({ ...drill, now: () => at, stopped: () => stopped }));
    if (outcomes && !stopped) {
      lastDrillDay = day;
      const failures = outcomes.filter((o) => !o.ok);
      log?.[failures.length > 0 ? 'warn' : 'info']({ drilled: outcomes.length, failed: failures.map((o) => o.backupId) }, 'restore drill done');
    }
    return outcomes;
  };

  const tick = async () => {
    const fired = await fireDue().catch((error: unknown) => {
      log?.error({ err: error }, 'backup scheduler tick failed');
      return 0;
    });
    if (fired > 0) log?.info({ fired }, 'scheduled backups requested');
    if (stopped || now().getTime() - lastRetentionAt < options.retentionIntervalMs) return;
    const result = await applyRetention().catch((error: unknown) => {
      log?.error({ err: error }, 'backup retention failed');
      return undefined;
    });
    if (result !== undefined) lastRetentionAt = now().getTime();
  };

  const loops = options.autoStart === false ? [] : [
    loop(tick),
    loop(async () => {
      await drillIfDue().catch((error: unknown) => log?.error({ err: error }, 'restore drill failed'));
    }),
  ];
  log?.info({ intervalMs: options.intervalMs, drillHourUtc: options.drillHourUtc, drill: options.drill !== null }, 'backup scheduler started');

  return {
    fireDue, applyRetention, drillIfDue,
    async stop() {
      stopped = true;
      await Promise.all(loops.map((stopLoop) => stopLoop()));
    },
  };

  /** Runs `job` now and then `intervalMs` after each run ends (never two at once); returns its stop. */
  function loop(job: () => Promise<void>): () => Promise<void> {
    let timer: NodeJS.Timeout | null = null;
    let current: Promise<void> = Promise.resolve();
    const run = () => {
      timer = null;
      current = job().catch(() => undefined).finally(() => {
        if (!stopped) timer = setTimeout(run, options.intervalMs);
      });
    };
    timer = setTimeout(run, 0);
    return async () => {
      if (timer) clearTimeout(timer);
      await current;
      if (timer) clearTimeout(timer);
    };
  }
}
