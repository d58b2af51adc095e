import { drillBackup, type DrillOutcome } from '../../processes/drillBackup';
import type { RestoreDrillDeps } from '../../processes/restoreDrillDeps';

/** `backups verify <backupId>`: the full restore drill of one backup (restore into a throwaway database
 * and volume, checksums, pg_restore, table and file counts; then dropped), recorded as
 * BackupVerified / BackupVerificationFailed under a verification id of its own. */
export async function backupsVerify(deps: RestoreDrillDeps, backupId: string, write: (line: string) => void = console.log, actor = 'system:cli'): Promise<DrillOutcome> {
  const outcome = await drillBackup(deps, backupId, `cli:${new Date().toISOString()}`, actor);
  write(`${outcome.ok ? 'verified' : 'FAILED'}\t${backupId}\t${outcome.detail}${outcome.recorded ? '' : ' (not recorded)'}`);
  return outcome;
}
