import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../../projections/runtime/projection';

/** The newest completed backup of each instance in the catalogue (the restore drill's work list). */
export async function newestCompletedBackups(db: ProjectionDb, tables: TableNames<'backups'>): Promise<string[]> {
  const table = sql.id(tables.backups.schema, tables.backups.name);
  const { rows } = await sql<{ backup_id: string }>`SELECT DISTINCT ON (instance_id) backup_id FROM ${table}
    WHERE status = 'completed' ORDER BY instance_id, completed_at DESC, backup_id DESC`.execute(db);
  return rows.map((row) => row.backup_id);
}
