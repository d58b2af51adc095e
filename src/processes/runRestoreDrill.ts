import { drillBackup, type DrillOutcome } from './drillBackup';
import type { RestoreDrillDeps } from './restoreDrillDeps';

export interface RestoreDrillJobDeps extends RestoreDrillDeps {
  /** The newest completed backup of each instance (newestCompletedBackups over the catalogue). */
  newestCompletedBackups(): Promise<string[]>;
  now?(): Date;
  /** Checked between backups: a stopping worker finishes the drill in hand, not the rest. */
  stopped?(): boolean;
}

/**
 * The scheduled restore drill: every instance's newest completed backup restored into throwaway
 * resources and checked (drillBackup), one at a time so a drill never competes with itself for disk
 * and I/O. The verificationId is the day, so a second run (another worker, a restart) on the same
 * day skips what was already drilled; a failure of one backup never stops the others.
 */
export async function runRestoreDrill(deps: RestoreDrillJobDeps): Promise<DrillOutcome[]> {
  const verificationId = `drill:${(deps.now?.() ?? new Date()).toISOString().slice(0, 10)}`;
  const outcomes: DrillOutcome[] = [];
  for (const backupId of await deps.newestCompletedBackups()) {
    if (deps.stopped?.()) break;
    outcomes.push(await drillBackup(deps, backupId, verificationId).catch((error: unknown) => ({
      backupId, verificationId, ok: false, detail: error instanceof Error ? error.message : String(error), recorded: false,
    })));
  }
  return outcomes;
}
