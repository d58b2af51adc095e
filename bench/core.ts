// `npm run bench -- core`: (a) command append throughput through the full pipeline vs a raw INSERT
// of the same rows with the same concurrency, both prepared (named statements), in rounds whose order
// alternates, medians printed; (b) command accepted → row visible in `tenants`; (c) projection
// rebuild speed on interleaved events (every stream's events far apart in `$all`, as many tenants
// writing at once leave them) vs a plain keyset-read/fold/unnest-write rebuild (bench/support/
// rawRebuild), alternating, medians. Uses its own schemas and drops them.
import type pg from 'pg';
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
import { rawRebuild } from './support/rawRebuild';
import { runConcurrently } from './support/runConcurrently';

const concurrency = 8;
const appendCommands = Number(process.env.BENCH_APPEND_COMMANDS ?? 6000);
const visibilityCommands = Number(process.env.BENCH_VISIBILITY_COMMANDS ?? 2000);
const rebuildEvents = Number(process.env.BENCH_REBUILD_EVENTS ?? 100_000);
const rounds = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5));

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
    // A named query config: node-postgres parses it once per connection and then only binds and
    // executes, as our append function's call is (the baseline must not pay a parse ours does not).
    const rawInsertText = `INSERT INTO ${rawSchema}.events (stream_name, stream_position, event_id, type, data, metadata) VALUES ($1, 0, $2, 'TenantCreated', $3, $4)`;
    const rawInsert = async (i: number) => {
      await pool.query({
        name: 'bench_core_raw_insert',
        text: rawInsertText,
        values: [`tenant-${v7()}`, v7(), JSON.stringify({ tenantId: v7(), name: `Bench Tenant ${i}`, createdBy: 'system:bench' }), JSON.stringify({ commandId: v7(), actor: 'system:bench', correlationId: v7(), schemaVersion: 1 })],
      });
    };

    // (a) Warm up both paths (every pooled connection prepares its statements), then rounds whose
    // order alternates (raw first, ours first, …) so drift on the machine hits both alike.
    await runConcurrently(500, concurrency, rawInsert);
    const createTenantOnly = async (i: number) => {
      await createTenant(i);
    };
    await runConcurrently(500, concurrency, createTenantOnly);
    const rawRates: number[] = [];
    const ourRates: number[] = [];
    const perRound = Math.ceil(appendCommands / rounds);
    for (let round = 0; round < rounds; round += 1) {
      const raw = async () => rawRates.push(await runConcurrently(perRound, concurrency, rawInsert));
      const ours = async () => ourRates.push(await runConcurrently(perRound, concurrency, createTenantOnly));
      if (round % 2 === 0) { await raw(); await ours(); } else { await ours(); await raw(); }
    }
    const rawPerSecond = percentile(rawRates, 50);
    const appendPerSecond = percentile(ourRates, 50);
    console.log(`append: pipeline ${ourRates.map(Math.round).join('/')} commands/s, raw prepared insert ${rawRates.map(Math.round).join('/')} rows/s (${concurrency} clients, ${rounds} rounds of ${perRound}, order alternating)`);

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

    // (c) Top the store up to the rebuild size with 5-event tenant lives, written interleaved: wave n
    // holds event n of every stream, 1,000 streams per transaction, so a stream's five events lie a
    // whole wave apart in `$all` and every rebuild batch mixes thousands of streams (creates in one
    // batch, renames and deletes in later ones), as production writes them. Seeded by SQL in the
    // store's own rows (the seeding is not measured; one append per event would take a minute).
    const existing = appendCommands + 1000 + visibilityCommands;
    const seededStreams = Math.max(0, Math.ceil((rebuildEvents - existing) / 5));
    await seedInterleavedTenants(pool, eventSchema, seededStreams);
    const countEvents = eventCounterOf(store);
    const total = await countEvents(null);
    const rebuilds: Array<{ eventsProcessed: number; elapsedMs: number; eventsPerSecond: number }> = [];
    const rawRebuilds: Array<{ events: number; eventsPerSecond: number }> = [];
    for (let round = 0; round < rounds; round += 1) {
      const ours = async () => rebuilds.push(await rebuildProjection({ db, pool, store, projection: tenantsProjection, schema: readSchema, countEvents }));
      const raw = async () => rawRebuilds.push(await rawRebuild(pool, eventSchema, rawSchema));
      if (round % 2 === 0) { await raw(); await ours(); } else { await ours(); await raw(); }
    }
    if (rawRebuilds[0]!.events !== rebuilds[0]!.eventsProcessed) throw new Error(`the raw rebuild read ${rawRebuilds[0]!.events} events, ours ${rebuilds[0]!.eventsProcessed}`);
    const rebuildPerSecond = percentile(rebuilds.map((r) => r.eventsPerSecond), 50);
    const rawRebuildPerSecond = percentile(rawRebuilds.map((r) => r.eventsPerSecond), 50);
    const rows = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${readSchema}.tenants`).catch(() => null);
    console.log(`rebuild: ${rebuilds[0]!.eventsProcessed} of ${total} events (${seededStreams} interleaved streams of 5 + ${existing} single-event), ${rebuilds.map((r) => Math.round(r.eventsPerSecond)).join('/')} events/s${rows ? `, ${rows.rows[0]!.n} tenant rows` : ''}; raw (keyset read, in-memory fold, unnest writes) ${rawRebuilds.map((r) => Math.round(r.eventsPerSecond)).join('/')} events/s`);
    await store.close();

    const ratio = appendPerSecond / rawPerSecond;
    console.log(`RESULT core append_ratio=${ratio.toFixed(2)} append_per_s=${Math.round(appendPerSecond)} raw_insert_per_s=${Math.round(rawPerSecond)} rounds=${rounds} visible_p50_ms=${visibleP50.toFixed(1)} visible_p99_ms=${visibleP99.toFixed(1)} rebuild_events_per_s=${Math.round(rebuildPerSecond)} raw_rebuild_events_per_s=${Math.round(rawRebuildPerSecond)} rebuild_ratio=${(rebuildPerSecond / rawRebuildPerSecond).toFixed(2)} rebuild_events=${rebuilds[0]!.eventsProcessed} rebuild_interleaved=1`);
  } finally {
    for (const schema of [eventSchema, readSchema, rawSchema]) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.destroy();
  }
}

/** Wave n = event n (TenantCreated, three TenantRenamed, TenantDeleted) of every stream, in
 * transactions of 1,000 streams; the streams table gets the versions the appends would have left. */
async function seedInterleavedTenants(pool: pg.Pool, schema: string, streams: number): Promise<void> {
  const events = `"${schema}".events`;
  const seed = `seed-${process.pid}-${Date.now()}-`;
  const tenantId = `md5($1::text || g)::uuid`;
  const waves = [
    `'TenantCreated', jsonb_build_object('tenantId', ${tenantId}, 'name', 'Seeded ' || g, 'createdBy', 'system:bench')`,
    ...[1, 2, 3].map((n) => `'TenantRenamed', jsonb_build_object('tenantId', ${tenantId}, 'name', 'Seeded ' || g || ' v${n}')`),
    `'TenantDeleted', jsonb_build_object('tenantId', ${tenantId}, 'reason', 'bench')`,
  ];
  for (const [position, typeAndData] of waves.entries()) {
    for (let from = 0; from < streams; from += 1000) {
      await pool.query(
        `INSERT INTO ${events} (stream_name, stream_position, event_id, type, data, metadata)
         SELECT 'tenant-' || ${tenantId}, ${position}, gen_random_uuid(), ${typeAndData}, '{"actor":"system:bench"}'::jsonb
         FROM generate_series($2::int, $3::int) AS g`,
        [seed, from, Math.min(streams, from + 1000) - 1],
      );
    }
  }
  await pool.query(`INSERT INTO "${schema}".streams (stream_name, version) SELECT 'tenant-' || ${tenantId}, ${waves.length - 1} FROM generate_series(0, $2::int - 1) AS g`, [seed, streams]);
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
