import { sql } from 'kysely';
import { rebuildProjection } from '../../../src/projections/runtime/rebuildProjection';
import { eventCounterOf } from '../../../src/projections/runtime/eventCounterOf';
import { tenantsProjection } from '../../../src/projections/tenants/tenantsProjection';
import { createProjectionTestContext } from '../support/projectionTestContext';

const context = createProjectionTestContext();
afterAll(() => context.close());

const tenants = 12_000;
const eventsPerTenant = 5;

describe('rebuild throughput', () => {
  it(`rebuilds ${tenants * eventsPerTenant} tenant events in large batches`, async () => {
    const { store, schema, eventStoreSchema } = await context.fresh();
    // Seeded straight into the §3 events table: appending one by one would dominate the test's time.
    await sql`
      INSERT INTO ${sql.id(eventStoreSchema, 'events')} (stream_name, stream_position, event_id, type, data, metadata)
      SELECT 'tenant-' || t.id, e.n, gen_random_uuid(),
        CASE WHEN e.n = 0 THEN 'TenantCreated' WHEN e.n = ${eventsPerTenant - 1} AND t.i % 4 = 0 THEN 'TenantDeleted' ELSE 'TenantRenamed' END,
        CASE WHEN e.n = 0 THEN jsonb_build_object('tenantId', t.id, 'name', 'tenant ' || t.i, 'createdBy', 'user-1')
             WHEN e.n = ${eventsPerTenant - 1} AND t.i % 4 = 0 THEN jsonb_build_object('tenantId', t.id, 'reason', 'test')
             ELSE jsonb_build_object('tenantId', t.id, 'name', 'tenant ' || t.i || ' v' || e.n) END,
        '{"actor":"user-1"}'::jsonb
      FROM (SELECT i, gen_random_uuid() AS id FROM generate_series(1, ${tenants}) AS i) AS t
      CROSS JOIN generate_series(0, ${eventsPerTenant - 1}) AS e(n)
      ORDER BY e.n, t.i`.execute(context.db);

    const result = await rebuildProjection({
      db: context.db, pool: context.pool, store, projection: tenantsProjection, schema, batchSize: 5000,
      countEvents: eventCounterOf(store),
    });

    console.log(`rebuild: ${result.eventsProcessed} events in ${result.elapsedMs} ms = ${result.eventsPerSecond} events/s`);
    expect(result.eventsProcessed).toBe(tenants * eventsPerTenant);
    expect(result.totalEvents).toBe(tenants * eventsPerTenant);
    const { rows } = await sql<{ active: number; deleted: number }>`
      SELECT count(*) FILTER (WHERE status = 'active') AS active, count(*) FILTER (WHERE status = 'deleted') AS deleted
      FROM ${sql.id(schema, 'tenants')}`.execute(context.db);
    expect(rows[0]).toEqual({ active: tenants * 0.75, deleted: tenants * 0.25 });
    // The target (≥ 50k events/s) is a benchmark's business: on a shared CI machine the rate swings
    // with the load, so the test only logs it. Per-event round trips would blow the test timeout.
  });
});
