import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

export interface WatchedInstance {
  instanceId: string;
  /** As the read model last recorded it: the watcher reports only what differs. */
  health: string;
}

/** The instances the platform believes running, for the health watcher's periodic probe. The read
 * model may lag; that is harmless, since the decider ignores reports on instances not running. */
export function runningInstances(db: ProjectionDb, tables: TableNames<'instances'>): () => Promise<WatchedInstance[]> {
  return async () => {
    const { rows } = await sql<{ instance_id: string; health: string }>`SELECT instance_id, health
      FROM ${sql.id(tables.instances.schema, tables.instances.name)} WHERE status = 'running'`.execute(db);
    return rows.map((row) => ({ instanceId: row.instance_id, health: row.health }));
  };
}
