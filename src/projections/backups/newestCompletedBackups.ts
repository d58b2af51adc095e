import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

/** The newest completed backup of each instance in the catalogue (the restore drill's work list).
 * With the instances read model, only instances that still exist (running or stopped): a deleted
 * instance's role and password are gone, so its drill could only fail. */
export async function newestCompletedBackups(db: ProjectionDb, tables: TableNames<'backups'>, instances?: TableNames<'instances'>): Promise<string[]> {
  const table = sql.id(tables.backups.schema, tables.backups.name);
  const live = instances
    ? sql`AND instance_id IN (SELECT instance_id FROM ${sql.id(instances.instances.schema, instances.instances.name)} WHERE status IN ('running', 'stopped'))`
    : sql``;
  const { rows } = await sql<{ backup_id: string }>`SELECT DISTINCT ON (instance_id) backup_id FROM ${table}
    WHERE status = 'completed' ${live} ORDER BY instance_id, completed_at DESC, backup_id DESC`.execute(db);
  return rows.map((row) => row.backup_id);
}
