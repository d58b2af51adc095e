import type { HandleCommand } from '../commands/handleCommand';
import { backupScheduleSlots, type BackupSchedule } from '../domain/backupPolicy/backupScheduleSlots';

export interface BackupSchedulerDeps {
  handleCommand: HandleCommand;
  /** The per-instance policies in force (tenant-chosen hour and zone; plan defaults otherwise). */
  schedules(): Promise<BackupSchedule[]>;
  now(): Date;
  /** How far back a tick looks for a missed slot: the catch-up window after downtime. */
  lookbackMs: number;
  /** A schedule whose command failed; the tick goes on with the others (the slot is retried next tick). */
  onError?(schedule: BackupSchedule, error: unknown): void;
}

/**
 * One scheduler tick (every worker runs it, e.g. each minute). A slot's commandId is a function of
 * the instance and the slot time, so however many workers fire it, however often (restarts, catch-up),
 * the command pipeline's idempotency turns it into exactly one BackupStarted.
 */
export async function fireDueBackups(deps: BackupSchedulerDeps): Promise<number> {
  const now = deps.now();
  let fired = 0;
  for (const schedule of await deps.schedules()) {
    const after = Math.max(now.getTime() - deps.lookbackMs, schedule.since?.getTime() ?? Number.NEGATIVE_INFINITY);
    for (const slot of backupScheduleSlots(schedule, new Date(after), now)) {
      try {
        await deps.handleCommand({
          type: 'BackupInstance',
          data: { instanceId: schedule.instanceId, tenantId: schedule.tenantId, mode: 'consistent', trigger: 'scheduled', slot: slot.toISOString() },
          metadata: {
            commandId: `backup-schedule:${schedule.instanceId}:${slot.toISOString()}`,
            actor: 'system:backup-scheduler', correlationId: `backup-schedule:${schedule.instanceId}`, tenantId: schedule.tenantId,
          },
        });
        fired += 1;
      } catch (error) {
        if (!deps.onError) throw error;
        deps.onError(schedule, error);
      }
    }
  }
  return fired;
}
