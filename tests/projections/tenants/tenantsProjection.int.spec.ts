import { v7 as uuidv7 } from 'uuid';
import type { EventStore } from '../../../src/ports/eventStore';
import type { TenantEvent } from '../../../src/domain/tenant/tenantEvents';
import { createPositionWaiter } from '../../../src/projections/runtime/createPositionWaiter';
import { servingTableNames } from '../../../src/projections/runtime/servingTableNames';
import { startProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { getTenant } from '../../../src/projections/tenants/getTenant';
import { InvalidCursorError, listTenants } from '../../../src/projections/tenants/listTenants';
import { tenantsProjection } from '../../../src/projections/tenants/tenantsProjection';
import { createProjectionTestContext } from '../support/projectionTestContext';

const context = createProjectionTestContext();
afterAll(() => context.close());

async function append(store: EventStore, tenantId: string, ...events: TenantEvent[]) {
  return store.appendToStream(`tenant-${tenantId}`, events.map((e) => ({ ...e, metadata: { actor: 'user-1' } })), { expectedVersion: 'any' });
}

async function setUp() {
  const { store, schema } = await context.fresh();
  const runner = startProjectionRunner({ db: context.db, pool: context.pool, store, projection: tenantsProjection, schema, batchSize: 3 });
  const waiter = createPositionWaiter({ db: context.db, schema });
  const tables = servingTableNames(tenantsProjection, schema);
  return {
    store,
    tables,
    /** Appends and waits until the projection applied it (read-your-writes). */
    async write(tenantId: string, ...events: TenantEvent[]) {
      const { position } = await append(store, tenantId, ...events);
      expect(await waiter.waitForPosition(tenantsProjection.name, position, 5000)).toBe(true);
    },
    async stop() {
      waiter.close();
      await runner.stop();
    },
  };
}

describe('tenants projection', () => {
  it('creates, renames and deletes rows', async () => {
    const { write, tables, stop } = await setUp();
    const id = uuidv7();
    try {
      await write(id, { type: 'TenantCreated', data: { tenantId: id, name: 'Acme', createdBy: 'user-1' } });
      const created = await getTenant(context.db, tables, id);
      expect(created).toMatchObject({ tenantId: id, name: 'Acme', status: 'active', deletedReason: null, createdBy: 'user-1', version: 0 });
      expect(created!.createdAt).toEqual(created!.updatedAt);

      await write(id, { type: 'TenantRenamed', data: { tenantId: id, name: 'Acme Ltd' } });
      expect(await getTenant(context.db, tables, id)).toMatchObject({ name: 'Acme Ltd', status: 'active', version: 1 });

      await write(id, { type: 'TenantDeleted', data: { tenantId: id, reason: 'closed account' } });
      const deleted = await getTenant(context.db, tables, id);
      expect(deleted).toMatchObject({ name: 'Acme Ltd', status: 'deleted', deletedReason: 'closed account', version: 2 });
      expect(deleted!.updatedAt.getTime()).toBeGreaterThanOrEqual(created!.updatedAt.getTime());
      expect(deleted!.createdAt).toEqual(created!.createdAt);
    } finally {
      await stop();
    }
  });

  it('applies several events of one tenant in one batch, and a rename after a delete is ignored', async () => {
    const { write, tables, stop } = await setUp();
    const id = uuidv7();
    try {
      await write(
        id,
        { type: 'TenantCreated', data: { tenantId: id, name: 'One', createdBy: 'u' } },
        { type: 'TenantRenamed', data: { tenantId: id, name: 'Two' } },
        { type: 'TenantDeleted', data: { tenantId: id, reason: 'r' } },
        { type: 'TenantRenamed', data: { tenantId: id, name: 'Ghost' } },
      );
      expect(await getTenant(context.db, tables, id)).toMatchObject({ name: 'Two', status: 'deleted', deletedReason: 'r', version: 3 });
    } finally {
      await stop();
    }
  });

  it('lists tenants page by page, without deleted ones unless asked', async () => {
    const { write, tables, stop } = await setUp();
    const ids = Array.from({ length: 5 }, () => uuidv7());
    try {
      for (const [index, id] of ids.entries()) await write(id, { type: 'TenantCreated', data: { tenantId: id, name: `T${index}`, createdBy: 'u' } });
      await write(ids[1]!, { type: 'TenantDeleted', data: { tenantId: ids[1]!, reason: 'r' } });

      const first = await listTenants(context.db, tables, { limit: 2 });
      expect(first.items.map((t) => t.name)).toEqual(['T0', 'T2']);
      const second = await listTenants(context.db, tables, { limit: 2, cursor: first.nextCursor });
      expect(second.items.map((t) => t.name)).toEqual(['T3', 'T4']);
      expect(second.nextCursor).toBeNull();

      const all = await listTenants(context.db, tables, { limit: 10, includeDeleted: true });
      expect(all.items.map((t) => t.status)).toEqual(['active', 'deleted', 'active', 'active', 'active']);
      const mine = await listTenants(context.db, tables, { limit: 1, tenantIds: [ids[4]!, ids[1]!, ids[0]!, 'junk'] });
      expect(mine.items.map((t) => t.name)).toEqual(['T0']);
      expect((await listTenants(context.db, tables, { limit: 5, cursor: mine.nextCursor, tenantIds: [ids[4]!, ids[1]!, ids[0]!] })).items.map((t) => t.name)).toEqual(['T4']);
      expect(await listTenants(context.db, tables, { limit: 5, tenantIds: [] })).toEqual({ items: [], nextCursor: null });
      await expect(listTenants(context.db, tables, { limit: 2, cursor: 'nope' })).rejects.toBeInstanceOf(InvalidCursorError);
      expect(await getTenant(context.db, tables, 'not-a-uuid')).toBeNull();
      expect(await getTenant(context.db, tables, uuidv7())).toBeNull();
    } finally {
      await stop();
    }
  });
});
