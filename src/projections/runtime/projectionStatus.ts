import type { LogPosition } from '../../ports/eventStore';
import type { EventCounter } from './eventCounterOf';
import type { ProjectionDb } from './projection';
import { readAllCheckpoints } from './projectionCheckpoint';

export interface ProjectionStatus {
  name: string;
  version: number;
  checkpoint: LogPosition | null;
  /** Events in the store after the checkpoint; null without a counter. */
  lag: number | null;
  updatedAt: Date;
  rebuiltAt: Date | null;
  /** A rebuild is running, or crashed and left tables the next rebuild drops. */
  rebuilding: boolean;
}

/** Every projection of a read-model schema, for the CLI and /metrics. */
export async function projectionStatus(db: ProjectionDb, options: { schema: string; countEvents?: EventCounter }): Promise<ProjectionStatus[]> {
  const checkpoints = await readAllCheckpoints(db, options.schema).catch((error: { code?: string }) => {
    // No projection has run yet in this schema (undefined_table, invalid_schema_name).
    if (error.code === '42P01' || error.code === '3F000') return [];
    throw error;
  });
  return Promise.all(
    checkpoints.map(async (checkpoint) => ({
      name: checkpoint.name,
      version: checkpoint.version,
      checkpoint: checkpoint.position,
      lag: options.countEvents ? await options.countEvents(checkpoint.position) : null,
      updatedAt: checkpoint.updatedAt,
      rebuiltAt: checkpoint.rebuiltAt,
      rebuilding: checkpoint.buildingTables !== null,
    })),
  );
}
