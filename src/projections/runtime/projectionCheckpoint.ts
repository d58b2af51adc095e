import { sql, type RawBuilder } from 'kysely';
import type { LogPosition } from '../../ports/eventStore';
import type { ProjectionDb, ProjectionTransaction, TableNames } from './projection';

export const checkpointsTable = 'projection_checkpoints';

export interface ProjectionCheckpoint {
  name: string;
  /** Last event applied; null before the first one. */
  position: LogPosition | null;
  /** Projection version the serving tables were built with. */
  version: number;
  /** Tables of a rebuild in progress (or abandoned by a crashed one); null otherwise. */
  buildingTables: TableNames | null;
  updatedAt: Date;
  rebuiltAt: Date | null;
}

interface CheckpointRow {
  name: string;
  transaction_id: number;
  global_position: number;
  version: number;
  building_tables: TableNames | null;
  updated_at: Date;
  rebuilt_at: Date | null;
}

export function checkpointsRef(schema: string): RawBuilder<unknown> {
  return sql.id(schema, checkpointsTable);
}

/** One row per projection. (0, 0) stands for "nothing applied yet" so the row never holds NULLs
 * that a compare-and-set would have to special-case. */
export function createCheckpointsTableSql(schema: string): RawBuilder<unknown> {
  return sql`CREATE TABLE IF NOT EXISTS ${checkpointsRef(schema)} (
    name text PRIMARY KEY,
    transaction_id bigint NOT NULL DEFAULT 0,
    global_position bigint NOT NULL DEFAULT 0,
    version integer NOT NULL,
    building_tables jsonb,
    building_started_at timestamptz,
    rebuilt_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`;
}

export function toPosition(transactionId: number, globalPosition: number): LogPosition | null {
  return transactionId === 0 && globalPosition === 0 ? null : { transactionId, globalPosition };
}

export function mapCheckpointRow(row: CheckpointRow): ProjectionCheckpoint {
  return {
    name: row.name,
    position: toPosition(Number(row.transaction_id), Number(row.global_position)),
    version: row.version,
    buildingTables: row.building_tables,
    updatedAt: row.updated_at,
    rebuiltAt: row.rebuilt_at,
  };
}

export async function readCheckpoint(db: ProjectionDb | ProjectionTransaction, schema: string, name: string, forUpdate = false): Promise<ProjectionCheckpoint | null> {
  const { rows } = await sql<CheckpointRow>`
    SELECT name, transaction_id, global_position, version, building_tables, updated_at, rebuilt_at
    FROM ${checkpointsRef(schema)} WHERE name = ${name} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ? mapCheckpointRow(rows[0]) : null;
}

export async function readAllCheckpoints(db: ProjectionDb, schema: string): Promise<ProjectionCheckpoint[]> {
  const { rows } = await sql<CheckpointRow>`
    SELECT name, transaction_id, global_position, version, building_tables, updated_at, rebuilt_at
    FROM ${checkpointsRef(schema)} ORDER BY name`.execute(db);
  return rows.map(mapCheckpointRow);
}
