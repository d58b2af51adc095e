import { sql } from 'kysely';
import type { RecordedEvent } from '../../adapters/eventstore/eventStore';
import { backupEventTypes, type BackupEvent } from '../../domain/backup/backupEvents';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { migrateBackups } from './migrateBackups';

const handled: ReadonlySet<string> = new Set(backupEventTypes);

/** The `backups` catalogue: one row per backup with its manifest, outcome and last drill result.
 * One statement per event: backups are rare next to the rest of `$all`. */
export const backupsProjection: Projection<'backups'> = {
  name: 'backups',
  version: 1,
  tables: ['backups'],
  migrate: migrateBackups,
  async handle(events, trx, tables) {
    for (const event of events) {
      if (handled.has(event.type) && event.streamName.startsWith('backup-')) await apply(trx, tables, event);
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
