import { sql } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';
import { backupEventTypes, type BackupEvent } from '../../domain/backup/backupEvents';
import type { BackupCopiedOffsite, BackupOffsiteCopyFailed } from '../../domain/backupTarget/tenantBackupTargetEvents';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { migrateBackups } from './migrateBackups';
import { backupCategory } from '../../domain/backup/backupStream';
import { isStreamOf } from '../../domain/shared/streamNames';
import { backupTargetCategory } from '../../domain/backupTarget/backupTargetStream';

const handled: ReadonlySet<string> = new Set(backupEventTypes);
const offsiteTypes: ReadonlySet<string> = new Set(['BackupCopiedOffsite', 'BackupOffsiteCopyFailed']);

/** The `backups` catalogue: one row per backup with its manifest, outcome and last drill result.
 * One statement per event: backups are rare next to the rest of `$all`. */
export const backupsProjection: Projection<'backups'> = {
  name: 'backups',
  // 2: the off-site copy column (decision 023); an existing catalogue needs `projections rebuild backups`.
  version: 2,
  streamCategories: ['backup', 'backupTarget'],
  tables: ['backups'],
  migrate: migrateBackups,
  async handle(events, trx, tables) {
    for (const event of events) {
      if (handled.has(event.type) && isStreamOf(backupCategory, event.streamName)) await apply(trx, tables, event);
      if (offsiteTypes.has(event.type) && isStreamOf(backupTargetCategory, event.streamName)) await applyOffsite(trx, tables, event);
    }
  },
};

async function apply(trx: ProjectionTransaction, tables: TableNames<'backups'>, recorded: RecordedEvent): Promise<void> {
  const table = sql.id(tables.backups.schema, tables.backups.name);
  const event = recorded as unknown as BackupEvent;
  const at = recorded.createdAt;
  const meta = sql`updated_at = ${at}, last_transaction_id = ${recorded.position.transactionId}, last_global_position = ${recorded.position.globalPosition}`;
  const set = (changes: ReturnType<typeof sql>) => sql`UPDATE ${table} SET ${changes}, ${meta} WHERE backup_id = ${event.data.backupId}`.execute(trx);
  switch (event.type) {
    case 'BackupStarted': {
      const d = event.data;
      await sql`INSERT INTO ${table} (backup_id, instance_id, tenant_id, status, mode, trigger, slot, requested_by, started_at, updated_at,
          last_transaction_id, last_global_position)
        VALUES (${d.backupId}, ${d.instanceId}, ${d.tenantId}, 'started', ${d.mode}, ${d.trigger}, ${d.slot}, ${d.requestedBy}, ${at}, ${at},
          ${recorded.position.transactionId}, ${recorded.position.globalPosition})
        ON CONFLICT (backup_id) DO NOTHING`.execute(trx);
      return;
    }
    case 'BackupCompleted': {
      const { manifest } = event.data;
      await set(sql`status = 'completed', completed_at = ${manifest.completedAt}, manifest = ${JSON.stringify(manifest)}::jsonb,
        total_bytes = ${manifest.database.size + manifest.volume.size}`);
      return;
    }
    case 'BackupFailed':
      await set(sql`status = 'failed', completed_at = ${at}, failure_reason = ${`${event.data.failedStep}: ${event.data.reason}`}`);
      return;
    case 'BackupVerified':
      await set(sql`verification = 'verified', verified_at = ${at}, verification_detail = ${event.data.detail}`);
      return;
    case 'BackupVerificationFailed':
      await set(sql`verification = 'failed', verified_at = ${at}, verification_detail = ${event.data.reason}`);
      return;
    case 'BackupPruned':
      await set(sql`status = 'pruned'`);
      return;
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

/** The copy to the tenant's own bucket (recorded on its target's stream): where, and how it went. */
async function applyOffsite(trx: ProjectionTransaction, tables: TableNames<'backups'>, recorded: RecordedEvent): Promise<void> {
  const event = recorded as unknown as BackupCopiedOffsite | BackupOffsiteCopyFailed;
  const { endpoint, bucket } = event.data;
  const offsite = event.type === 'BackupCopiedOffsite'
    ? { status: 'copied', endpoint, bucket, objects: event.data.objects, at: recorded.createdAt }
    : { status: 'failed', endpoint, bucket, reason: event.data.reason, at: recorded.createdAt };
  await sql`UPDATE ${sql.id(tables.backups.schema, tables.backups.name)} SET offsite = ${JSON.stringify(offsite)}::jsonb, updated_at = ${recorded.createdAt},
      last_transaction_id = ${recorded.position.transactionId}, last_global_position = ${recorded.position.globalPosition}
    WHERE backup_id = ${event.data.backupId}`.execute(trx);
}
