import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface CompletedBackup {
  backupId: string;
  tenantId: string;
  completedAt: Date;
}

/** All completed (not pruned) backups of an instance from the catalogue, newest first, unbounded:
 * retention must see the whole history, not a page of it. */
export async function completedBackupsOf(db: ProjectionDb, tables: TableNames<'backups'>, instanceId: string): Promise<CompletedBackup[]> {
  const { rows } = await sql<{ backup_id: string; tenant_id: string; completed_at: Date }>`SELECT backup_id, tenant_id, completed_at
    FROM ${sql.id(tables.backups.schema, tables.backups.name)}
    WHERE instance_id = ${instanceId} AND status = 'completed' AND completed_at IS NOT NULL
    ORDER BY completed_at DESC, backup_id DESC`.execute(db);
  return rows.map((row) => ({ backupId: row.backup_id, tenantId: row.tenant_id, completedAt: row.completed_at }));
}
