import { randomUUID } from 'node:crypto';
import { createBackupPolicyQueries } from '../../src/projections/backupPolicies/queryBackupPolicies';
import { defaultInstancePlans } from '../../src/domain/instance/instancePlanCatalogue';
import { retentionReadModels } from '../../src/projections/backups/retentionReadModels';
import { createFsBackupStorage } from '../../src/adapters/storage/createFsBackupStorage';
import { fireDueBackups } from '../../src/processes/fireDueBackups';
import { startBackupScheduler } from '../../src/processes/startBackupScheduler';
import { createBackupReadModelWorld, type BackupReadModelWorld } from '../sagas/backups/backupReadModelWorld';

// The worker's scheduler job over the real read models: two schedulers (two pipelines, as two worker
// processes), the clock advanced in half-hour ticks over three days, both ticking at once.
// One platform clock for the commands and the schedulers, never today's date: instances are created
// (their schedules' `since`) on 2026-12-30, and the schedulers run from 2027-01-01T01:00Z.
let clock = new Date('2026-12-30T12:00:00Z');
let world: BackupReadModelWorld;
beforeAll(async () => {
  world = await createBackupReadModelWorld('bsched', { now: () => clock });
});
afterAll(async () => {
  await world.close();
});

test('each slot of each schedule in force becomes exactly one BackupStarted; tenant hour and zone honoured, enabled=false and unprovisioned skipped', async () => {
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();
  const byDefault = await world.runningInstance(tenantId);
  const newYork = await world.runningInstance(tenantId, 'business');
  const switchedOff = await world.runningInstance(tenantId);
  const stopped = await world.runningInstance(tenantId);
  const provisioning = randomUUID();
  await world.command('ProvisionInstance', { instanceId: provisioning, tenantId, name: 'New', subdomain: `n-${provisioning.slice(0, 8)}`, plan: 'starter', adminEmail: 'a@example.test' }, tenantId);
  await world.command('StopInstance', { instanceId: stopped }, tenantId);
  await world.command('RecordInstanceOperationCompleted', { instanceId: stopped, operation: 'stop' }, tenantId);
  await world.command('SetBackupPolicy', { instanceId: newYork, tenantId, enabled: true, hour: 23, timeZone: 'America/New_York', retention: null }, tenantId);
  await world.command('SetBackupPolicy', { instanceId: switchedOff, tenantId, enabled: false, hour: 2, timeZone: 'UTC', retention: null }, tenantId);
  // Someone naming another tenant cannot switch off this tenant's backups.
  await world.command('SetBackupPolicy', { instanceId: byDefault, tenantId: otherTenantId, enabled: false, hour: 2, timeZone: 'UTC', retention: null }, otherTenantId);
  await world.settle();

  const policies = createBackupPolicyQueries(world.db, world.readModelSchema, {
    schedule: { hour: 2, timeZone: 'Africa/Harare' }, plans: defaultInstancePlans,
  });
  // Slots before an instance existed (2026-12-30T12:00Z) are never due.
  clock = new Date('2027-01-01T01:00:00Z');
  const storage = createFsBackupStorage(`/tmp/bsched-${process.pid}`);
  const schedulers = [world.pipeline(), world.pipeline()].map((handleCommand) => startBackupScheduler({
    pool: world.pool, lockScope: world.readModelSchema, handleCommand, policies,
    prune: { ...retentionReadModels(world.db, world.readModelSchema), storage }, drill: null,
    intervalMs: 60_000, lookbackMs: 26 * 3600_000, retentionIntervalMs: 3600_000, pruneMinAgeMs: 86_400_000, drillHourUtc: 4,
    now: () => clock, autoStart: false,
  }));
  try {
    for (let tick = 0; tick < 3 * 48; tick += 1) {
      clock = new Date(clock.getTime() + 30 * 60_000);
      await Promise.all(schedulers.map((scheduler) => scheduler.fireDue()));
    }
  } finally {
    await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  }

  const started = await world.eventsOfType<{ instanceId: string; slot: string; trigger: string; mode: string }>('BackupStarted');
  const slotsOf = (instanceId: string) => started.filter((e) => e.data.instanceId === instanceId).map((e) => e.data.slot).sort();
  // Default: 02:00 in Harare (UTC+2) = midnight UTC; the first tick catches up the newest slot only.
  const midnights = ['2027-01-01T00:00:00.000Z', '2027-01-02T00:00:00.000Z', '2027-01-03T00:00:00.000Z', '2027-01-04T00:00:00.000Z'];
  expect(slotsOf(byDefault)).toEqual(midnights);
  expect(slotsOf(stopped)).toEqual(midnights);
  // 23:00 in New York (UTC-5 in January) = 04:00 UTC the next day.
  expect(slotsOf(newYork)).toEqual(['2026-12-31T04:00:00.000Z', '2027-01-01T04:00:00.000Z', '2027-01-02T04:00:00.000Z', '2027-01-03T04:00:00.000Z']);
  expect(slotsOf(switchedOff)).toEqual([]);
  expect(slotsOf(provisioning)).toEqual([]);
  expect(started).toHaveLength(12);
  expect(started.every((e) => e.data.trigger === 'scheduled' && e.data.mode === 'consistent')).toBe(true);
});

test('no slot before a schedule\'s `since` is caught up, and one failing schedule does not hold up the others', async () => {
  const tenantId = randomUUID();
  const fresh: string = randomUUID();
  const good: string = randomUUID();
  const now = new Date('2030-06-10T12:00:00Z');
  const failures: string[] = [];
  const fired = await fireDueBackups({
    handleCommand: world.handleCommand, now: () => now, lookbackMs: 26 * 3600_000,
    onError: (schedule) => failures.push(schedule.instanceId),
    schedules: async () => [
      // Created (or its policy changed) after today's 03:00 slot: nothing to catch up until tomorrow.
      { instanceId: fresh, tenantId, hour: 3, timeZone: 'UTC', since: new Date('2030-06-10T09:00:00Z') },
      { instanceId: 'not-a-uuid', tenantId, hour: 3, timeZone: 'UTC' },
      { instanceId: good, tenantId, hour: 3, timeZone: 'UTC', since: new Date('2030-06-01T00:00:00Z') },
    ],
  });
  expect({ fired, failures }).toEqual({ fired: 1, failures: ['not-a-uuid'] });
  const started = await world.eventsOfType<{ instanceId: string; slot: string }>('BackupStarted');
  expect(started.filter((e) => [fresh, good].includes(e.data.instanceId)).map((e) => [e.data.instanceId, e.data.slot]))
    .toEqual([[good, '2030-06-10T03:00:00.000Z']]);
});

test('the loops survive failing rounds (logged) and stop cleanly', async () => {
  const errors: string[] = [];
  const logger = { info: () => undefined, warn: () => undefined, error: (_details: object, message: string) => errors.push(message) };
  // A read-model schema that does not exist: every query of every round fails on the real PostgreSQL.
  const broken = createBackupPolicyQueries(world.db, 'no_such_schema_here', { schedule: { hour: 2, timeZone: 'UTC' }, plans: defaultInstancePlans });
  const scheduler = startBackupScheduler({
    pool: world.pool, lockScope: `${world.readModelSchema}-broken`, handleCommand: world.handleCommand, policies: broken,
    prune: { ...retentionReadModels(world.db, 'no_such_schema_here'), storage: createFsBackupStorage(`/tmp/bsched-${process.pid}`) }, drill: null,
    intervalMs: 30, lookbackMs: 26 * 3600_000, retentionIntervalMs: 0, pruneMinAgeMs: 86_400_000, drillHourUtc: 4, logger,
  });
  const deadline = Date.now() + 10_000;
  while (errors.filter((m) => m === 'backup scheduler tick failed').length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await scheduler.stop();
  expect(errors.filter((m) => m === 'backup scheduler tick failed').length).toBeGreaterThanOrEqual(3);
  expect(errors).toContain('backup retention failed');
  const after = errors.length;
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(errors.length).toBe(after);
});
