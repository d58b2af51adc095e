import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { EventStore, LogPosition } from '../../../src/ports/eventStore';
import { createPositionWaiter } from '../../../src/projections/runtime/createPositionWaiter';
import { eventCounterOf } from '../../../src/projections/runtime/eventCounterOf';
import { readCheckpoint } from '../../../src/projections/runtime/projectionCheckpoint';
import { projectionStatus } from '../../../src/projections/runtime/projectionStatus';
import { RebuildInProgressError, rebuildProjection, type RebuildProgress } from '../../../src/projections/runtime/rebuildProjection';
import { servingTableNames } from '../../../src/projections/runtime/servingTableNames';
import { startProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { getTenant } from '../../../src/projections/tenants/getTenant';
import { tenantsProjection } from '../../../src/projections/tenants/tenantsProjection';
import { createProjectionTestContext } from '../support/projectionTestContext';

const context = createProjectionTestContext();
afterAll(() => context.close());

/** A mix of creates, renames and deletes over `count` tenants, several appends per tenant. */
async function writeTenants(store: EventStore, count: number, label: string): Promise<{ ids: string[]; last: LogPosition }> {
  const ids = Array.from({ length: count }, () => uuidv7());
  let last: LogPosition = { transactionId: 0, globalPosition: 0 };
  const metadata = { actor: 'user-1' };
  await Promise.all(
    ids.map(async (tenantId, index) => {
      const stream = `tenant-${tenantId}`;
      await store.appendToStream(stream, [{ type: 'TenantCreated', data: { tenantId, name: `${label}${index}`, createdBy: 'user-1' }, metadata }], { expectedVersion: 'no_stream' });
      const renamed = await store.appendToStream(stream, [
        { type: 'TenantRenamed', data: { tenantId, name: `${label}${index}-a` }, metadata },
        { type: 'TenantRenamed', data: { tenantId, name: `${label}${index}-b` }, metadata },
      ], { expectedVersion: 0 });
      const final = index % 3 === 0
        ? await store.appendToStream(stream, [{ type: 'TenantDeleted', data: { tenantId, reason: `bye ${index}` }, metadata }], { expectedVersion: 2 })
        : renamed;
      if (final.position.transactionId > last.transactionId) last = final.position;
    }),
  );
  return { ids, last };
}

async function snapshot(schema: string): Promise<unknown[]> {
  const { rows } = await sql`SELECT * FROM ${sql.id(schema, 'tenants')} ORDER BY tenant_id`.execute(context.db);
  return rows;
}

async function tablesIn(schema: string): Promise<string[]> {
  const { rows } = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = ${schema} ORDER BY tablename`.execute(context.db);
  return rows.map((row) => row.tablename);
}

describe('rebuildProjection', () => {
  it('rebuilds into new tables while the old ones serve, then swaps; rows equal the live projection', async () => {
    const { store, schema } = await context.fresh();
    const { schema: referenceSchema } = await context.fresh();
    const runner = startProjectionRunner({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema, batchSize: 100 });
    const waiter = createPositionWaiter({ db: context.db, schema });
    const tables = servingTableNames(tenantsProjection, schema);
    try {
      const before = await writeTenants(store, 120, 'T');
      expect(await waiter.waitForPosition('tenants', before.last, 10_000)).toBe(true);
      const liveRows = await snapshot(schema);
      expect(liveRows).toHaveLength(120);

      // 1. Quiet store: the rebuilt rows are exactly the live ones.
      const progress: RebuildProgress[] = [];
      const quiet = await rebuildProjection({
        db: context.db, pool: context.pool, store, projection: tenantsProjection, schema, batchSize: 50,
        countEvents: eventCounterOf(store),
        onProgress: (p) => progress.push(p),
      });
      expect(await snapshot(schema)).toEqual(liveRows);
      expect(quiet.eventsProcessed).toBe(120 * 3 + 40);
      expect(progress[0]).toMatchObject({ phase: 'building', totalEvents: 400 });
      expect(progress.map((p) => p.phase)).toEqual([...Array(8).fill('building'), 'swapping', 'done']);
      expect(await tablesIn(schema)).toEqual(['projection_checkpoints', 'tenants']);
      const checkpoint = await readCheckpoint(context.db, schema, 'tenants');
      expect(checkpoint).toMatchObject({ version: tenantsProjection.version, buildingTables: null, position: before.last });
      expect(checkpoint!.rebuiltAt).toBeInstanceOf(Date);

      // 2. Writes flowing during the rebuild; the old table answers queries meanwhile.
      let during: Promise<{ ids: string[]; last: LogPosition }> | null = null;
      const served: Array<string | undefined> = [];
      await rebuildProjection({
        db: context.db, pool: context.pool, store, projection: tenantsProjection, schema, batchSize: 40,
        onProgress: (p) => {
          if (p.phase !== 'building') return;
          during ??= writeTenants(store, 30, 'D');
          void getTenant(context.db, tables, before.ids[1]!).then((tenant) => served.push(tenant?.name));
        },
      });
      const { last } = await during!;
      expect(await waiter.waitForPosition('tenants', last, 10_000)).toBe(true);
      expect(served.length).toBeGreaterThan(5);
      expect(served.every((name) => name === 'T1-b')).toBe(true);

      // Reference: an independent live projection of the same store in another schema.
      const reference = startProjectionRunner({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema: referenceSchema, batchSize: 7 });
      const referenceWaiter = createPositionWaiter({ db: context.db, schema: referenceSchema });
      expect(await referenceWaiter.waitForPosition('tenants', last, 10_000)).toBe(true);
      referenceWaiter.close();
      await reference.stop();
      const rebuiltRows = await snapshot(schema);
      expect(rebuiltRows).toHaveLength(150);
      expect(rebuiltRows).toEqual(await snapshot(referenceSchema));

      const [status] = await projectionStatus(context.db, { schema, countEvents: eventCounterOf(store) });
      expect(status).toMatchObject({ name: 'tenants', lag: 0, rebuilding: false, version: 1 });
    } finally {
      waiter.close();
      await runner.stop();
    }
  });

  it('refuses a second concurrent rebuild, and a failed rebuild leaves the serving table untouched', async () => {
    const { store, schema } = await context.fresh();
    await writeTenants(store, 20, 'F');
    await rebuildProjection({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema });
    const rows = await snapshot(schema);

    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const slow = { ...tenantsProjection, handle: async (...args: Parameters<typeof tenantsProjection.handle>) => {
      await blocked;
      await tenantsProjection.handle(...args);
    } };
    const first = rebuildProjection({ db: context.db, pool: context.pool, store, projection: slow, schema });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(rebuildProjection({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema })).rejects.toBeInstanceOf(RebuildInProgressError);
    const [status] = await projectionStatus(context.db, { schema });
    expect(status!.rebuilding).toBe(true);
    release();
    await first;

    const failing = { ...tenantsProjection, handle: async () => {
      throw new Error('handler bug');
    } };
    await expect(rebuildProjection({ db: context.db, pool: context.pool, store, projection: failing, schema })).rejects.toThrow('handler bug');
    expect(await tablesIn(schema)).toEqual(['projection_checkpoints', 'tenants']);
    expect(await snapshot(schema)).toEqual(rows);
    expect((await readCheckpoint(context.db, schema, 'tenants'))!.buildingTables).toBeNull();
  });

  it('drops tables abandoned by a crashed rebuild', async () => {
    const { store, schema } = await context.fresh();
    expect(await projectionStatus(context.db, { schema })).toEqual([]);
    await writeTenants(store, 5, 'C');
    await rebuildProjection({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema });
    // What a rebuild killed mid-way leaves behind: its tables, recorded on the checkpoint row.
    await sql`CREATE TABLE ${sql.id(schema, 'tenants__rdead')} (x int)`.execute(context.db);
    await sql`UPDATE ${sql.id(schema, 'projection_checkpoints')} SET building_tables = ${JSON.stringify({ tenants: { schema, name: 'tenants__rdead' } })}::jsonb`.execute(context.db);

    await rebuildProjection({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema });

    expect(await tablesIn(schema)).toEqual(['projection_checkpoints', 'tenants']);
  });
});
