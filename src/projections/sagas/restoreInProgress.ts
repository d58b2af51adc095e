import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

/** Whether a restore saga of the instance is pending or running (from the `sagas` read model): the
 * backup it restores, and the pre-restore one, must not vanish under it. */
export async function restoreInProgress(db: ProjectionDb, tables: TableNames<'sagas'>, instanceId: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.id(tables.sagas.schema, tables.sagas.name)}
    WHERE saga_name = 'restoreBackup' AND subject_id = ${instanceId} AND status IN ('pending', 'running', 'compensating') LIMIT 1`.execute(db);
  return rows.length > 0;
}
