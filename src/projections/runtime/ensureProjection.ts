import { sql } from 'kysely';
import { checkpointsRef, createCheckpointsTableSql, readCheckpoint, type ProjectionCheckpoint } from './projectionCheckpoint';
import type { Projection, ProjectionDb } from './projection';
import { servingTableNames } from './servingTableNames';

/** Creates the read-model schema, the checkpoint table and, the first time, the projection's
 * tables with its checkpoint row. Idempotent and safe from several processes at once (API and
 * worker both call it at start): a transaction-scoped advisory lock serialises the DDL, and the
 * tables and the row appear together or not at all. */
export async function ensureProjection(db: ProjectionDb, projection: Projection, schema: string): Promise<ProjectionCheckpoint> {
  const existing = await readCheckpoint(db, schema, projection.name).catch(() => null);
  if (existing) return existing;
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`ensureProjection:${schema}`}, 0))`.execute(trx);
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(trx);
    await createCheckpointsTableSql(schema).execute(trx);
    if (await readCheckpoint(trx, schema, projection.name)) return;
    await projection.migrate(trx, servingTableNames(projection, schema));
    await sql`INSERT INTO ${checkpointsRef(schema)} (name, version) VALUES (${projection.name}, ${projection.version})`.execute(trx);
  });
  const created = await readCheckpoint(db, schema, projection.name);
  if (!created) throw new Error(`Checkpoint row of projection ${projection.name} missing after creation`);
  return created;
}
