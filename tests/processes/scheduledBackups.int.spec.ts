import { randomUUID } from 'node:crypto';
import { createPostgresCommandLog, migrateCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../src/adapters/eventstore/postgres/migrateEventStore';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../src/commands/handleCommand';
import { fireDueBackups } from '../../src/processes/fireDueBackups';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';

// Two workers (two pipelines over the real event store), the clock advanced over several slots and
// a "restart" (the ticks repeated): every slot becomes exactly one BackupStarted.
test('two scheduler workers over five days fire each daily slot once, including catch-up after downtime', async () => {
  const pool = createTestPool(10);
  const schema = uniqueSchemaName('sched');
  await migrateEventStore(pool, schema);
  await migrateCommandLog(pool, schema);
  const store = createPostgresEventStore({ pool, schema });
  const pipeline = () => createCommandPipeline({ store, commandLog: createPostgresCommandLog(pool, schema), handlers: commandHandlers, conflictRetries: 5 });
  const schedules = [
    { instanceId: randomUUID(), tenantId: randomUUID(), hour: 2, timeZone: 'UTC' },
    { instanceId: randomUUID(), tenantId: randomUUID(), hour: 23, timeZone: 'America/New_York' },
  ];
  let clock = new Date('2025-01-01T00:00:00Z');
  const workers = [pipeline(), pipeline()].map((handleCommand) => () =>
    fireDueBackups({ handleCommand, schedules: async () => schedules, now: () => clock, lookbackMs: 36 * 3600_000 }));
  try {
    // Every 30 minutes for 3 days, both workers at once.
    for (let tick = 0; tick < 3 * 48; tick += 1) {
      clock = new Date(clock.getTime() + 30 * 60_000);
      await Promise.all(workers.map((fire) => fire()));
    }
    // Downtime of 40 hours, then a restart: the newest missed slot is caught up, once.
    clock = new Date(clock.getTime() + 40 * 3600_000);
    await Promise.all([...workers, ...workers].map((fire) => fire()));

    // Ten slots in all. Gap-safe reads of $all stop at the oldest open transaction of the cluster
    // (tests/support/readAllCommitted.ts): another suite can hold back, for a while, what is committed.
    const readStarted = async () => (await store.readAll({})).filter((event) => event.type === 'BackupStarted').map((event) => event.data as { instanceId: string; slot: string });
    let started = await readStarted();
    for (const deadline = Date.now() + 30_000; started.length < 10 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      started = await readStarted();
    }
    const slotsOf = (instanceId: string) => started.filter((s) => s.instanceId === instanceId).map((s) => s.slot).sort();
    // The first tick catches up the newest slot inside the window (Dec 31); the Jan 4 slot fell in the
    // downtime and only its newest successor (Jan 5) is caught up.
    expect(slotsOf(schedules[0]!.instanceId)).toEqual([
      '2024-12-31T02:00:00.000Z', '2025-01-01T02:00:00.000Z', '2025-01-02T02:00:00.000Z', '2025-01-03T02:00:00.000Z', '2025-01-05T02:00:00.000Z',
    ]);
    expect(slotsOf(schedules[1]!.instanceId)).toEqual([
      '2024-12-31T04:00:00.000Z', '2025-01-01T04:00:00.000Z', '2025-01-02T04:00:00.000Z', '2025-01-03T04:00:00.000Z', '2025-01-05T04:00:00.000Z',
    ]);
  } finally {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
  }
});
