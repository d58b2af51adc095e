import { sql } from 'kysely';
import type pg from 'pg';
import type { EventStore, LogPosition, RecordedEvent } from '../../ports/eventStore';
import { ensureProjection } from './ensureProjection';
import type { EventCounter } from './eventCounterOf';
import type { Projection, ProjectionDb, ProjectionTransaction, TableNames } from './projection';
import { checkpointsRef, readCheckpoint } from './projectionCheckpoint';
import { silentLogger, type ProjectionLogger } from './projectionLogger';
import { rebuildLockKey } from './projectionLockKey';
import { mapTables } from './servingTableNames';
import { swapRebuiltTables } from './swapRebuiltTables';
import { tryAdvisoryLock } from './tryAdvisoryLock';

export interface RebuildProgress {
  phase: 'building' | 'swapping' | 'done';
  eventsProcessed: number;
  /** Events in the store when the rebuild started, when a counter was given. */
  totalEvents: number | null;
  eventsPerSecond: number;
  elapsedMs: number;
  position: LogPosition | null;
}

export interface RebuildOptions {
  db: ProjectionDb;
  /** Source of the connection holding the rebuild lock. */
  pool: pg.Pool;
  store: EventStore;
  projection: Projection;
  schema: string;
  /** Large batches: a rebuild writes one transaction per batch. */
  batchSize?: number;
  onProgress?(progress: RebuildProgress): void;
  /** Counts `$all` for the progress total (eventCounterOf). */
  countEvents?: EventCounter;
  logger?: ProjectionLogger;
}

export type RebuildResult = Omit<RebuildProgress, 'phase'>;

export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`A rebuild of projection ${projection} is already running`);
    this.name = 'RebuildInProgressError';
  }
}

/** Rebuilds a projection from the start of `$all` into NEW tables while the current ones keep
 * serving (and the live runner keeps updating them), then swaps: see swapRebuiltTables. Only one
 * rebuild per projection runs at a time (advisory lock); tables left by a crashed rebuild are dropped. */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildResult> {
  const { db, pool, store, projection, schema, onProgress } = options;
  // Large batches: each costs one read and one transaction; 20k events measured ~1.5x faster than 5k.
  const batchSize = options.batchSize ?? 20_000;
  const logger = options.logger ?? silentLogger;
  const lock = await tryAdvisoryLock(pool, rebuildLockKey(schema, projection.name));
  if (!lock) throw new RebuildInProgressError(projection.name);

  const startedAt = Date.now();
  let buildTables: TableNames | null = null;
  let eventsProcessed = 0;
  let position: LogPosition | null = null;
  let totalEvents: number | null = null;
  const report = (phase: RebuildProgress['phase']): RebuildProgress => {
    const elapsedMs = Date.now() - startedAt;
    const progress = { phase, eventsProcessed, totalEvents, elapsedMs, position, eventsPerSecond: elapsedMs > 0 ? Math.round((eventsProcessed * 1000) / elapsedMs) : 0 };
    onProgress?.(progress);
    return progress;
  };

  try {
    await ensureProjection(db, projection, schema);
    buildTables = await createBuildTables(db, projection, schema);
    totalEvents = options.countEvents ? await options.countEvents(null) : null;
    logger.info({ projection: projection.name, schema, totalEvents }, 'projection rebuild started');

    // Reading the next batch while the current one is written keeps both the store and the
    // read-model connection busy.
    let next = readBatch(store, null, batchSize);
    for (;;) {
      const events = await next;
      if (events.length === 0) break;
      const full = events.length === batchSize;
      if (full) next = readBatch(store, events[events.length - 1]!.position, batchSize);
      const tables = buildTables;
      await db.transaction().execute(async (trx) => {
        // Nothing reads these tables before the swap, and a crashed rebuild starts over anyway, so
        // waiting for each batch's WAL flush buys nothing; the swap itself commits synchronously.
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await projection.handle(events, trx, tables);
      });
      eventsProcessed += events.length;
      position = events[events.length - 1]!.position;
      report('building');
      if (!full) break;
    }

    report('swapping');
    const tables = buildTables;
    const swapped = await swapRebuiltTables({
      db, projection, schema, buildTables: tables, from: position,
      catchUp: (trx, after) => catchUp(trx, store, projection, tables, after, batchSize),
    });
    eventsProcessed += swapped.eventsApplied;
    position = swapped.position;
    buildTables = null;
    const { phase: _phase, ...result } = report('done');
    logger.info({ projection: projection.name, schema, ...result }, 'projection rebuilt');
    return result;
  } catch (error) {
    if (buildTables) await dropBuildTables(db, projection, schema, buildTables).catch(() => undefined);
    throw error;
  } finally {
    await lock.release();
  }
}

function readBatch(store: EventStore, after: LogPosition | null, maxCount: number): Promise<RecordedEvent[]> {
  const read = store.readAll({ after, maxCount });
  // A prefetch abandoned because a write failed must not surface as an unhandled rejection.
  read.catch(() => undefined);
  return read;
}

/** Creates the new tables and records them on the checkpoint row in one transaction, so tables of
 * a crashed rebuild are always known to (and dropped by) the next one. */
async function createBuildTables(db: ProjectionDb, projection: Projection, schema: string): Promise<TableNames> {
  const abandoned = (await readCheckpoint(db, schema, projection.name))?.buildingTables;
  if (abandoned) await dropBuildTables(db, projection, schema, abandoned);
  const suffix = `__r${Date.now().toString(36)}`;
  const tables = mapTables(projection.tables, (table) => ({ schema, name: `${table}${suffix}` }));
  for (const table of Object.values(tables)) {
    if (Buffer.byteLength(table.name) > 63) throw new Error(`Table name ${table.name} exceeds PostgreSQL's 63 bytes`);
  }
  await db.transaction().execute(async (trx) => {
    await projection.migrate(trx, tables);
    await sql`UPDATE ${checkpointsRef(schema)} SET building_tables = ${JSON.stringify(tables)}::jsonb, building_started_at = now()
      WHERE name = ${projection.name}`.execute(trx);
  });
  return tables;
}

async function dropBuildTables(db: ProjectionDb, projection: Projection, schema: string, tables: TableNames): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of Object.values(tables)) await sql`DROP TABLE IF EXISTS ${sql.id(table.schema, table.name)}`.execute(trx);
    await sql`UPDATE ${checkpointsRef(schema)} SET building_tables = NULL, building_started_at = NULL
      WHERE name = ${projection.name} AND building_tables = ${JSON.stringify(tables)}::jsonb`.execute(trx);
  });
}

/** Applies everything after `after` that is visible now, inside the swap transaction. */
async function catchUp(
  trx: ProjectionTransaction, store: EventStore, projection: Projection, tables: TableNames, after: LogPosition | null, batchSize: number,
): Promise<{ position: LogPosition | null; eventsApplied: number }> {
  let position = after;
  let eventsApplied = 0;
  for (;;) {
    const events = await store.readAll({ after: position, maxCount: batchSize });
    if (events.length > 0) {
      await projection.handle(events, trx, tables);
      eventsApplied += events.length;
      position = events[events.length - 1]!.position;
    }
    if (events.length < batchSize) return { position, eventsApplied };
  }
}
