// `npm run bench -- core`: (a) command append throughput through the full pipeline vs a raw INSERT
// of the same rows with the same concurrency; (b) command accepted → row visible in `tenants`;
// (c) projection rebuild speed. Uses its own schemas and drops them.
import { v7 } from 'uuid';
import { createPostgresCommandLog, migrateCommandLog } from '../src/adapters/commandLog/createPostgresCommandLog';
import { compareLogPositions } from '../src/ports/logPosition';
import { createPostgresEventStore } from '../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../src/adapters/eventstore/postgres/migrateEventStore';
import type { LogPosition } from '../src/ports/eventStore';
import { createKysely } from '../src/adapters/postgres/createKysely';
import { createPool } from '../src/adapters/postgres/createPool';
import { commandHandlers } from '../src/commands/commandHandlers';
import { createCommandPipeline } from '../src/commands/handleCommand';
import { loadConfig } from '../src/config';
import type { ProjectionDb } from '../src/projections/runtime/projection';
import { eventCounterOf } from '../src/projections/runtime/eventCounterOf';
import { rebuildProjection } from '../src/projections/runtime/rebuildProjection';
import { startProjectionRunner } from '../src/projections/runtime/startProjectionRunner';
import { tenantsProjection } from '../src/projections/tenants/tenantsProjection';
import { percentile } from './support/percentile';
import { runConcurrently } from './support/runConcurrently';

const concurrency = 8;
const appendCommands = Number(process.env.BENCH_APPEND_COMMANDS ?? 6000);
const visibilityCommands = Number(process.env.BENCH_VISIBILITY_COMMANDS ?? 2000);
const rebuildEvents = Number(process.env.BENCH_REBUILD_EVENTS ?? 100_000);

export async function run(): Promise<void> {
  const config = loadConfig();
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const eventSchema = `bench_es_${suffix}`;
  const readSchema = `bench_rm_${suffix}`;
  const rawSchema = `bench_raw_${suffix}`;
  const pool = createPool(config.DATABASE_URL, 24);
  const db = createKysely(pool) as ProjectionDb;
  try {
    await migrateEventStore(pool, eventSchema);
    await migrateCommandLog(pool, eventSchema);
    const store = createPostgresEventStore({ pool, schema: eventSchema });
    const handleCommand = createCommandPipeline({ store, commandLog: createPostgresCommandLog(pool, eventSchema), handlers: commandHandlers, conflictRetries: 5 });
    const createTenant = (i: number) => handleCommand({
      type: 'CreateTenant',
      data: { name: `Bench Tenant ${i}` },
      metadata: { commandId: v7(), actor: 'system:bench', correlationId: v7() },
    });

    // Same columns and indexes as the events table, so the baseline pays for the same row and index writes.
    await pool.query(`CREATE SCHEMA ${rawSchema}; CREATE TABLE ${rawSchema}.events (LIKE "${eventSchema}".events INCLUDING ALL)`);
    const rawInsert = async (i: number) => {
      await pool.query(
        `INSERT INTO ${rawSchema}.events (stream_name, stream_position, event_id, type, data, metadata) VALUES ($1, 0, $2, 'TenantCreated', $3, $4)`,
        [`tenant-${v7()}`, v7(), JSON.stringify({ tenantId: v7(), name: `Bench Tenant ${i}`, createdBy: 'system:bench' }), JSON.stringify({ commandId: v7(), actor: 'system:bench', correlationId: v7(), schemaVersion: 1 })],
      );
    };

    // (a) Warm up both paths, then alternate rounds so drift on the machine hits both alike.
    await runConcurrently(500, concurrency, rawInsert);
    const createTenantOnly = async (i: number) => {
      await createTenant(i);
    };
    await runConcurrently(500, concurrency, createTenantOnly);
    const rawRates: number[] = [];
    const ourRates: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      rawRates.push(await runConcurrently(appendCommands / 3, concurrency, rawInsert));
      ourRates.push(await runConcurrently(appendCommands / 3, concurrency, createTenantOnly));
    }
    const rawPerSecond = percentile(rawRates, 50);
    const appendPerSecond = percentile(ourRates, 50);
    console.log(`append: pipeline ${ourRates.map(Math.round).join('/')} commands/s, raw insert ${rawRates.map(Math.round).join('/')} rows/s (${concurrency} clients)`);

    // (b) Accepted → visible: the runner applies the row and its checkpoint in one transaction, so the
    // checkpoint passing the command's position means the row is visible to every reader.
    const runner = startProjectionRunner({ db, pool, store, projection: tenantsProjection, schema: readSchema, batchSize: 1000 });
    const caughtUp = await store.readAll({ maxCount: 1_000_000 });
    await waitForCheckpoint(runner.onCheckpoint.bind(runner), () => runner.checkpoint(), caughtUp.at(-1)!.position);
    const latencies: number[] = [];
    await runConcurrently(visibilityCommands, 4, async (i) => {
      const result = await createTenant(100_000 + i);
      const accepted = performance.now();
      await waitForCheckpoint(runner.onCheckpoint.bind(runner), () => runner.checkpoint(), result.position!);
      latencies.push(performance.now() - accepted);
    });
    await runner.stop();
    const visibleP50 = percentile(latencies, 50);
    const visibleP99 = percentile(latencies, 99);
    console.log(`visible: p50 ${visibleP50.toFixed(2)} ms, p99 ${visibleP99.toFixed(2)} ms over ${latencies.length} commands`);

    // (c) Top the store up to the rebuild size with batched appends (5 events per stream), then rebuild.
    const existing = appendCommands + 1000 + visibilityCommands;
    const streamsNeeded = Math.max(0, Math.ceil((rebuildEvents - existing) / 5));
    await runConcurrently(streamsNeeded, concurrency, async () => {
      const tenantId = v7();
      await store.appendToStream(`tenant-${tenantId}`, [
        { type: 'TenantCreated', data: { tenantId, name: 'Seeded', createdBy: 'system:bench' }, metadata: { actor: 'system:bench' } },
        ...[1, 2, 3].map((n) => ({ type: 'TenantRenamed', data: { tenantId, name: `Seeded ${n}` }, metadata: { actor: 'system:bench' } })),
        { type: 'TenantDeleted', data: { tenantId, reason: 'bench' }, metadata: { actor: 'system:bench' } },
      ], { expectedVersion: 'no_stream' });
    });
    const countEvents = eventCounterOf(store);
    const total = await countEvents(null);
    const rebuilt = await rebuildProjection({ db, pool, store, projection: tenantsProjection, schema: readSchema, countEvents });
    console.log(`rebuild: ${rebuilt.eventsProcessed} of ${total} events in ${(rebuilt.elapsedMs / 1000).toFixed(2)} s`);
    await store.close();

    const ratio = appendPerSecond / rawPerSecond;
    console.log(`RESULT core append_ratio=${ratio.toFixed(2)} append_per_s=${Math.round(appendPerSecond)} visible_p50_ms=${visibleP50.toFixed(1)} visible_p99_ms=${visibleP99.toFixed(1)} rebuild_events_per_s=${Math.round(rebuilt.eventsPerSecond)}`);
  } finally {
    for (const schema of [eventSchema, readSchema, rawSchema]) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.destroy();
  }
}

function waitForCheckpoint(onCheckpoint: (listener: (p: LogPosition) => void) => () => void, current: () => LogPosition | null, target: LogPosition): Promise<void> {
  return new Promise((resolve) => {
    const reached = (position: LogPosition | null) => position !== null && compareLogPositions(position, target) >= 0;
    if (reached(current())) return resolve();
    const unsubscribe = onCheckpoint((position) => {
      if (reached(position)) {
        unsubscribe();
        resolve();
      }
    });
  });
}
