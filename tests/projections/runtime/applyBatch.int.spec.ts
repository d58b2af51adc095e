import { readAllCommitted } from '../../support/readAllCommitted';
import { sql } from 'kysely';
import { applyBatch } from '../../../src/projections/runtime/applyBatch';
import { ensureProjection } from '../../../src/projections/runtime/ensureProjection';
import { readCheckpoint } from '../../../src/projections/runtime/projectionCheckpoint';
import { servingTableNames } from '../../../src/projections/runtime/servingTableNames';
import { startProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { createRecordingProjection } from '../support/createRecordingProjection';
import { createProjectionTestContext, eventually, testEvents } from '../support/projectionTestContext';

const context = createProjectionTestContext();
afterAll(() => context.close());

async function countSeen(schema: string): Promise<number> {
  const { rows } = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.id(schema, 'seen')}`.execute(context.db);
  return Number(rows[0]!.count);
}

describe('applyBatch', () => {
  it('applies the batch and moves the checkpoint together', async () => {
    const { store, schema } = await context.fresh();
    const projection = createRecordingProjection();
    await ensureProjection(context.db, projection, schema);
    await store.appendToStream('tick-1', testEvents(5), { expectedVersion: 'no_stream' });
    const events = await readAllCommitted(store, 5);

    const result = await applyBatch({ db: context.db, projection, schema, tables: servingTableNames(projection, schema), from: null, events });

    expect(result).toEqual({ applied: true, position: events[4]!.position });
    expect(await countSeen(schema)).toBe(5);
    expect((await readCheckpoint(context.db, schema, projection.name))?.position).toEqual(events[4]!.position);
  });

  it('a handler throwing mid-batch leaves neither rows nor the checkpoint advanced', async () => {
    const { store, schema } = await context.fresh();
    const projection = createRecordingProjection();
    await ensureProjection(context.db, projection, schema);
    await store.appendToStream('tick-1', testEvents(3), { expectedVersion: 'no_stream' });
    const events = await readAllCommitted(store, 3);
    projection.afterWrite = () => {
      throw new Error('handler failed after writing');
    };

    await expect(applyBatch({ db: context.db, projection, schema, tables: servingTableNames(projection, schema), from: null, events })).rejects.toThrow('handler failed');

    expect(await countSeen(schema)).toBe(0);
    expect((await readCheckpoint(context.db, schema, projection.name))?.position).toBeNull();
  });

  it('moves only the checkpoint for a batch of streams the projection does not read, still fenced', async () => {
    const { store, schema } = await context.fresh();
    const projection = { ...createRecordingProjection(), streamCategories: ['tock'] };
    await ensureProjection(context.db, projection, schema);
    await store.appendToStream('tick-1', testEvents(3), { expectedVersion: 'no_stream' });
    await store.appendToStream('tock-1', testEvents(1), { expectedVersion: 'no_stream' });
    const events = await readAllCommitted(store, 4);
    const tables = servingTableNames(projection, schema);

    expect(await applyBatch({ db: context.db, projection, schema, tables, from: null, events: events.slice(0, 3) }))
      .toEqual({ applied: true, position: events[2]!.position });
    expect(await countSeen(schema)).toBe(0);
    expect((await readCheckpoint(context.db, schema, projection.name))?.position).toEqual(events[2]!.position);
    const stale = await applyBatch({ db: context.db, projection, schema, tables, from: null, events: events.slice(0, 3) });
    expect(stale).toMatchObject({ applied: false, current: { position: events[2]!.position } });

    // A batch with one event of its streams goes through handle, whole.
    expect(await applyBatch({ db: context.db, projection, schema, tables, from: events[2]!.position, events: events.slice(3) }))
      .toEqual({ applied: true, position: events[3]!.position });
    expect(await countSeen(schema)).toBe(1);
  });

  it('refuses a batch whose starting checkpoint is stale (fencing)', async () => {
    const { store, schema } = await context.fresh();
    const projection = createRecordingProjection();
    await ensureProjection(context.db, projection, schema);
    await store.appendToStream('tick-1', testEvents(4), { expectedVersion: 'no_stream' });
    const events = await readAllCommitted(store, 4);
    const tables = servingTableNames(projection, schema);
    await applyBatch({ db: context.db, projection, schema, tables, from: null, events: events.slice(0, 2) });

    const stale = await applyBatch({ db: context.db, projection, schema, tables, from: null, events: events.slice(0, 2) });

    expect(stale).toMatchObject({ applied: false, current: { position: events[1]!.position } });
    expect(await countSeen(schema)).toBe(2);
  });

  it('the runner retries a failing batch and applies it exactly once when the handler recovers', async () => {
    const { store, schema } = await context.fresh();
    const projection = createRecordingProjection();
    let failures = 2;
    projection.afterWrite = () => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('transient');
      }
    };
    await store.appendToStream('tick-1', testEvents(10), { expectedVersion: 'no_stream' });
    const runner = startProjectionRunner({ db: context.db, pool: context.pool, store, projection, schema, batchSize: 4, maxErrorBackoffMs: 50 });
    try {
      await eventually(async () => (await countSeen(schema).catch(() => 0)) === 10, 10_000, 'all events applied');
      expect(failures).toBe(0);
      const last = (await readAllCommitted(store, 10)).at(-1)!;
      await eventually(() => runner.checkpoint()?.globalPosition === last.position.globalPosition);
    } finally {
      await runner.stop();
    }
  });
});
