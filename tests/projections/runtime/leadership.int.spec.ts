import { sql } from 'kysely';
import type { EventStore } from '../../../src/ports/eventStore';
import { projectionLockKey } from '../../../src/projections/runtime/projectionLockKey';
import { startProjectionRunner, type ProjectionRunner } from '../../../src/projections/runtime/startProjectionRunner';
import { createRecordingProjection } from '../support/createRecordingProjection';
import { createProjectionTestContext, eventually, sleep, testEvents } from '../support/projectionTestContext';

const context = createProjectionTestContext();
afterAll(() => context.close());

async function seen(schema: string): Promise<{ count: number; distinct: number }> {
  const { rows } = await sql<{ count: string; distinct: string }>`
    SELECT count(*) AS count, count(DISTINCT event_id) AS distinct FROM ${sql.id(schema, 'seen')}`.execute(context.db);
  return { count: Number(rows[0]!.count), distinct: Number(rows[0]!.distinct) };
}

async function lockHolderPid(schema: string, name: string): Promise<number | null> {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
      AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(${projectionLockKey(schema, name)}, 0)`.execute(context.db);
  return rows[0]?.pid ?? null;
}

async function appendTicks(store: EventStore, stream: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await store.appendToStream(stream, testEvents(1), { expectedVersion: 'any' });
}

describe('projection runner leadership', () => {
  it('only one of two runners applies; the other takes over when the first stops or its lock connection dies', async () => {
    const { store, schema } = await context.fresh();
    const projection = createRecordingProjection();
    const start = () => startProjectionRunner({ db: context.db, pool: context.pool, store, projection, schema, batchSize: 7, leadershipRetryMs: 50 });
    const first = start();
    await eventually(() => first.isLeader(), 5000, 'first runner to lead');
    const second = start();
    const runners: ProjectionRunner[] = [first, second];
    const appliedBy = new Map<ProjectionRunner, number>();
    for (const runner of runners) runner.onCheckpoint(() => appliedBy.set(runner, (appliedBy.get(runner) ?? 0) + 1));
    let total = 0;
    try {
      await appendTicks(store, 'tick-a', 30);
      total += 30;
      await eventually(async () => (await seen(schema)).count === total, 10_000, 'first batch applied');
      expect(second.isLeader()).toBe(false);
      expect(appliedBy.get(second)).toBeUndefined();

      // Graceful hand-over: appends keep flowing while the leader stops.
      const appending = appendTicks(store, 'tick-b', 40);
      await sleep(20);
      await first.stop();
      await appending;
      total += 40;
      await eventually(() => second.isLeader(), 5000, 'second runner to take over');
      await eventually(async () => (await seen(schema)).count === total, 10_000, 'all events after hand-over');

      // Crash: the leader's lock session is terminated; a third runner (or the second itself,
      // after stepping back) carries on, fenced by the checkpoint compare-and-set.
      const third = start();
      runners.push(third);
      const pid = await lockHolderPid(schema, projection.name);
      expect(pid).not.toBeNull();
      await sql`SELECT pg_terminate_backend(${pid})`.execute(context.db);
      await appendTicks(store, 'tick-c', 25);
      total += 25;
      await eventually(async () => (await seen(schema)).count === total, 10_000, 'all events after the crash');
      await eventually(async () => (await lockHolderPid(schema, projection.name)) !== null, 5000, 'a new lock holder');
      expect(runners.filter((runner) => runner.isLeader()).length).toBe(1);
      const { count, distinct } = await seen(schema);
      expect(count).toBe(total);
      expect(distinct).toBe(total);
    } finally {
      for (const runner of runners) await runner.stop();
    }
  });

  it('a stopped runner releases its lock at once', async () => {
    const { store, schema } = await context.fresh();
    const projection = createRecordingProjection();
    const runner = startProjectionRunner({ db: context.db, pool: context.pool, store, projection, schema, leadershipRetryMs: 50 });
    await eventually(() => runner.isLeader());
    expect(await lockHolderPid(schema, projection.name)).not.toBeNull();
    await runner.stop();
    expect(await lockHolderPid(schema, projection.name)).toBeNull();
  });
});
