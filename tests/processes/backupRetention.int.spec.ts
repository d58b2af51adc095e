import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createFsBackupStorage } from '../../src/adapters/storage/createFsBackupStorage';
import type { BackupStorage } from '../../src/ports/backupStorage';
import { backupsPrune } from '../../src/api/cli/backupsPrune';
import { defaultInstancePlans } from '../../src/domain/instance/instancePlanCatalogue';
import { createBackupPolicyQueries } from '../../src/projections/backupPolicies/queryBackupPolicies';
import { backupObjectKeys } from '../../src/sagas/backups/backupObjectKeys';
import { pruneInstanceBackups } from '../../src/processes/pruneInstanceBackups';
import { retentionReadModels } from '../../src/projections/backups/retentionReadModels';
import { startBackupScheduler } from '../../src/processes/startBackupScheduler';
import { createBackupReadModelWorld, type BackupReadModelWorld } from '../sagas/backups/backupReadModelWorld';

// GFS retention end to end: backups recorded through the real pipeline and catalogue projection,
// archives in the real fs storage adapter (a temp dir), pruning by the worker's job and the CLI.
const day = 86_400_000;
let world: BackupReadModelWorld;
let storage: BackupStorage;
let root: string;

beforeAll(async () => {
  world = await createBackupReadModelWorld('bret');
  root = await mkdtemp(path.join(tmpdir(), 'retention-'));
  storage = createFsBackupStorage(root);
});
afterAll(async () => {
  await world.close();
  await storage.close();
  await rm(root, { recursive: true, force: true });
});

const sha = 'a'.repeat(64);
/** A completed backup, as the saga would have left it: its objects in storage and BackupCompleted. */
async function completedBackup(instanceId: string, tenantId: string, backupId: string, completedAt: Date, trigger: 'scheduled' | 'manual') {
  await world.command('BackupInstance', { backupId, instanceId, tenantId, mode: 'online', trigger, slot: trigger === 'scheduled' ? completedAt.toISOString() : null }, tenantId);
  const keys = backupObjectKeys(instanceId, backupId);
  for (const key of Object.values(keys)) await storage.put(key, Readable.from([Buffer.from(backupId)]));
  const archive = { size: 36, sha256: sha, durationMs: 5 };
  await world.command('RecordBackupCompleted', {
    backupId,
    manifest: {
      formatVersion: 1, backupId, instanceId, tenantId, odooVersion: '17.0', plan: 'starter', mode: 'online', trigger,
      startedAt: new Date(completedAt.getTime() - 60_000).toISOString(), completedAt: completedAt.toISOString(),
      database: { ...archive, key: keys.database, name: 'inst_x', format: 'pg_dump-custom', tableCount: 3 },
      volume: { ...archive, key: keys.volume, name: `odoo-${instanceId}-data`, format: 'tar' },
      downtimeMs: 0, tools: { pgDump: 'pg_dump (PostgreSQL) 15', node: process.version },
    },
  }, tenantId);
}

const objectsOf = async (instanceId: string, backupId: string) =>
  (await Promise.all(Object.values(backupObjectKeys(instanceId, backupId)).map((key) => storage.stat(key)))).filter(Boolean).length;

test('400 days of nightly history: exactly the GFS set is kept, the others\' objects deleted, BackupPruned recorded once each', async () => {
  const tenantId = randomUUID();
  const instanceId = await world.runningInstance(tenantId);
  // Ids carry the day so the expected set reads as dates; the map gives the real UUIDs.
  const ids = new Map<string, string>();
  const history: Array<[string, Date, 'scheduled' | 'manual']> = Array.from({ length: 400 }, (_, i) => {
    const at = new Date(Date.UTC(2024, 0, 1, 2) + i * day);
    return [`n-${at.toISOString().slice(0, 10)}`, at, 'scheduled'];
  });
  history.push(['m-2025-02-03', new Date('2025-02-03T14:00:00Z'), 'manual'], ['m-2024-06-30', new Date('2024-06-30T14:00:00Z'), 'manual']);
  for (const [name, at, trigger] of history) {
    const backupId = randomUUID();
    ids.set(name, backupId);
    await completedBackup(instanceId, tenantId, backupId, at, trigger);
  }
  await world.command('SetBackupPolicy', { instanceId, tenantId, enabled: true, hour: 2, timeZone: 'UTC', retention: { daily: 7, weekly: 4, monthly: 12 } }, tenantId);
  await world.settle();

  const expectedKept = [
    'm-2025-02-03', 'n-2025-01-28', 'n-2025-01-29', 'n-2025-01-30', 'n-2025-01-31', 'n-2025-02-01', 'n-2025-02-02',
    'n-2025-01-19', 'n-2025-01-26',
    'm-2024-06-30', 'n-2024-03-31', 'n-2024-04-30', 'n-2024-05-31', 'n-2024-07-31', 'n-2024-08-31',
    'n-2024-09-30', 'n-2024-10-31', 'n-2024-11-30', 'n-2024-12-31',
  ];
  const keptIds = new Set(expectedKept.map((name) => ids.get(name)!));
  const prunedIds = [...ids.values()].filter((id) => !keptIds.has(id));
  const now = new Date('2025-02-05T00:00:00Z');
  const policies = createBackupPolicyQueries(world.db, world.readModelSchema, { schedule: { hour: 2, timeZone: 'Africa/Harare' }, plans: defaultInstancePlans });
  const readModels = retentionReadModels(world.db, world.readModelSchema);

  // The CLI's dry run: the instance's own policy, nothing deleted or recorded.
  const dry = await backupsPrune({ ...readModels, storage, handleCommand: world.handleCommand, policies, actor: 'system:cli:test' }, instanceId, {}, { dryRun: true, minAgeHours: 24, now });
  expect(dry.policy).toEqual({ daily: 7, weekly: 4, monthly: 12 });
  expect(new Set(dry.kept)).toEqual(keptIds);
  expect(dry.pruned.sort()).toEqual([...prunedIds].sort());
  expect(await world.eventsOfType('BackupPruned')).toHaveLength(0);

  // Two workers' retention jobs at once: one holds the lock and prunes, the other stands aside.
  const schedulers = [world.pipeline(), world.pipeline()].map((handleCommand) => startBackupScheduler({
    pool: world.pool, lockScope: world.readModelSchema, handleCommand, policies, prune: { ...readModels, storage }, drill: null,
    intervalMs: 60_000, lookbackMs: 26 * 3600_000, retentionIntervalMs: 3600_000, pruneMinAgeMs: day, drillHourUtc: 4,
    now: () => now, autoStart: false,
  }));
  const results = await Promise.all(schedulers.map((scheduler) => scheduler.applyRetention()));
  expect(results.filter((r) => r !== null).reduce((sum, r) => sum + r!.pruned, 0)).toBe(prunedIds.length);

  for (const id of keptIds) expect(await objectsOf(instanceId, id)).toBe(3);
  for (const id of prunedIds) expect(await objectsOf(instanceId, id)).toBe(0);
  const pruned = await world.eventsOfType<{ backupId: string; policy: string }>('BackupPruned');
  expect(pruned.map((e) => e.data.backupId).sort()).toEqual([...prunedIds].sort());
  expect(new Set(pruned.map((e) => e.data.policy))).toEqual(new Set(['gfs 7/4/12']));

  // Again, after the catalogue caught up: nothing more to do.
  await world.settle();
  const again = await schedulers[0]!.applyRetention();
  expect(again).toMatchObject({ pruned: 0, failed: 0 });
  expect(await world.eventsOfType('BackupPruned')).toHaveLength(prunedIds.length);
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
});

test('never prunes the newest backup, one younger than the minimum age, or anything while a restore runs', async () => {
  const tenantId = randomUUID();
  const instanceId = await world.runningInstance(tenantId);
  const now = new Date('2025-03-10T23:00:00Z');
  const [old, young, newest] = [randomUUID(), randomUUID(), randomUUID()];
  await completedBackup(instanceId, tenantId, old, new Date(now.getTime() - 30 * 3600_000), 'scheduled');
  await completedBackup(instanceId, tenantId, young, new Date(now.getTime() - 5 * 3600_000), 'manual');
  await completedBackup(instanceId, tenantId, newest, new Date(now.getTime() - 2 * 3600_000), 'manual');
  await world.settle();
  const deps = { ...retentionReadModels(world.db, world.readModelSchema), storage, handleCommand: world.handleCommand };
  const keepOne = { daily: 1, weekly: 0, monthly: 0 };

  // A restore of the instance pending: nothing is touched.
  await world.command('RestoreBackup', { restoreId: randomUUID(), backupId: old, instanceId, tenantId }, tenantId);
  await world.settle();
  const during = await pruneInstanceBackups(deps, instanceId, keepOne, { dryRun: false, now, minAgeMs: day, actor: 'system:test' });
  expect(during).toMatchObject({ pruned: [], skipped: expect.stringContaining('restore') });
  expect(await objectsOf(instanceId, old)).toBe(3);

  // Without the restore: GFS keeps only the newest, the age rule keeps the young one too.
  const after = await pruneInstanceBackups({ ...deps, restoreInProgress: async () => false }, instanceId, keepOne, { dryRun: false, now, minAgeMs: day, actor: 'system:test' });
  expect({ kept: after.kept.sort(), pruned: after.pruned }).toEqual({ kept: [young, newest].sort(), pruned: [old] });
  expect([await objectsOf(instanceId, old), await objectsOf(instanceId, young), await objectsOf(instanceId, newest)]).toEqual([0, 3, 3]);

  // Even a policy that keeps nothing older than today keeps the newest backup, days later.
  await world.settle();
  const later = await pruneInstanceBackups({ ...deps, restoreInProgress: async () => false }, instanceId, keepOne, {
    dryRun: true, now: new Date(now.getTime() + 10 * day), minAgeMs: day, actor: 'system:test',
  });
  expect(later).toMatchObject({ kept: [newest], pruned: [young] });
});
