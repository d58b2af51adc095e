import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createPostgresCommandLog, migrateCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import type { LogPosition } from '../../../src/ports/eventStore';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../../src/adapters/eventstore/postgres/migrateEventStore';
import { createKysely } from '../../../src/adapters/postgres/createKysely';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../../src/commands/handleCommand';
import { backupPoliciesProjection } from '../../../src/projections/backupPolicies/backupPoliciesProjection';
import { backupsProjection } from '../../../src/projections/backups/backupsProjection';
import { instancesProjection } from '../../../src/projections/instances/instancesProjection';
import { createPositionWaiter } from '../../../src/projections/runtime/createPositionWaiter';
import { ensureProjection } from '../../../src/projections/runtime/ensureProjection';
import type { ProjectionDb } from '../../../src/projections/runtime/projection';
import { startProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { sagasProjection } from '../../../src/projections/sagas/sagasProjection';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

const projections = [instancesProjection, backupPoliciesProjection, backupsProjection, sagasProjection];

/** The event store, command pipelines (on the given platform clock, the real one by default) and the read models the backup scheduler and retention read
 * (instances, backupPolicies, backups, sagas), kept up to date by real projection runners. */
export async function createBackupReadModelWorld(prefix: string, options: { now?: () => Date } = {}) {
  const pool: pg.Pool = createTestPool(12);
  const eventSchema = uniqueSchemaName(`${prefix}_es`);
  const readModelSchema = uniqueSchemaName(`${prefix}_rm`);
  await migrateEventStore(pool, eventSchema);
  await migrateCommandLog(pool, eventSchema);
  const store = createPostgresEventStore({ pool, schema: eventSchema });
  const db: ProjectionDb = createKysely(pool);
  for (const projection of projections) await ensureProjection(db, projection, readModelSchema);
  const runners = projections.map((projection) =>
    startProjectionRunner({ db, pool, store, projection, schema: readModelSchema, idlePollMs: 50, leadershipRetryMs: 200 }));
  const waiter = createPositionWaiter({ db, schema: readModelSchema });
  /** A pipeline of its own (as another worker process would have). */
  const pipeline = (): HandleCommand => createCommandPipeline({ store, commandLog: createPostgresCommandLog(pool, eventSchema), handlers: commandHandlers, conflictRetries: 5, now: options.now });
  const handleCommand = pipeline();
  let last: LogPosition | null = null;

  const command = async (type: string, data: object, tenantId?: string, commandId = randomUUID()) => {
    const result = await handleCommand({ type, data, metadata: { commandId, actor: 'user-test', correlationId: commandId, ...(tenantId ? { tenantId } : {}) } });
    if (result.position) last = result.position;
    return result;
  };

  return {
    pool, db, store, readModelSchema, eventSchema, handleCommand, pipeline, command,
    /** Waits until every read model has applied everything appended so far (by any pipeline). */
    async settle() {
      const { rows } = await pool.query<{ transaction_id: string; global_position: string }>(
        `SELECT transaction_id::text, global_position FROM "${eventSchema}".events ORDER BY transaction_id::text::bigint DESC, global_position DESC LIMIT 1`);
      const head = rows[0] ? { transactionId: Number(rows[0].transaction_id), globalPosition: Number(rows[0].global_position) } : last;
      if (!head) return;
      for (const projection of projections) {
        if (!(await waiter.waitForPosition(projection.name, head, 15_000))) throw new Error(`${projection.name} did not catch up`);
      }
    },
    /** A running instance (provisioning requested and reported done, as the saga would). */
    async runningInstance(tenantId: string, plan = 'starter') {
      const instanceId = randomUUID();
      await command('ProvisionInstance', { instanceId, tenantId, name: 'Shop', subdomain: `s-${instanceId.slice(0, 8)}`, plan, adminEmail: 'a@example.test' }, tenantId);
      await command('RecordInstanceProvisioned', { instanceId, url: 'http://x', containerName: `odoo-${instanceId}`, databaseName: 'inst_x' }, tenantId);
      return instanceId;
    },
    async eventsOfType<Data = Record<string, unknown>>(type: string): Promise<Array<{ streamName: string; data: Data }>> {
      const { rows } = await pool.query<{ stream_name: string; data: Data }>(
        `SELECT stream_name, data FROM "${eventSchema}".events WHERE type = $1 ORDER BY global_position`, [type]);
      return rows.map((row) => ({ streamName: row.stream_name, data: row.data }));
    },
    async close() {
      waiter.close();
      await Promise.all(runners.map((runner) => runner.stop()));
      await store.close();
      await dropSchema(pool, eventSchema);
      await dropSchema(pool, readModelSchema);
      await db.destroy();
    },
  };
}

export type BackupReadModelWorld = Awaited<ReturnType<typeof createBackupReadModelWorld>>;
