import { randomUUID } from 'node:crypto';
import { createInMemoryCommandLog } from '../../../src/adapters/commandLog/createInMemoryCommandLog';
import { cloneInstanceId } from '../../../src/commands/cloneBackupCommand';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../../src/commands/handleCommand';
import { eventually, identityKit, type IdentityKit } from '../identity/identityKit';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';

// The HTTP side of backup health, the restore hold and clones, without Docker (SAGAS_ENABLED=false):
// what the sagas would report is sent through the real command pipeline as `system:` reports.
let platform: TestPlatform;
let kit: IdentityKit;
let owner: SignedUpUser;
let tenantId: string;
let report: (type: string, data: object) => Promise<void>;

const sha = (c: string) => c.repeat(64);
function manifest(backupId: string, instanceId: string, completedAt: string) {
  const archive = { size: 10, sha256: sha('a'), durationMs: 1 };
  return {
    formatVersion: 1, backupId, instanceId, tenantId, odooVersion: '17.0', plan: 'starter', mode: 'online', trigger: 'manual',
    startedAt: completedAt, completedAt, downtimeMs: 0, tools: { pgDump: 'pg_dump (PostgreSQL) 15', node: process.version },
    database: { ...archive, key: `instances/${instanceId}/${backupId}/database.dump`, name: 'inst_x', format: 'pg_dump-custom', tableCount: 1 },
    volume: { ...archive, key: `instances/${instanceId}/${backupId}/volume.tar`, name: 'odoo-x-data', format: 'tar' },
  };
}

async function runningInstance(): Promise<string> {
  const requested = await kit.call('POST', '/api/v1/instances',
    { tenantId, name: 'Health ERP', subdomain: `health-${randomUUID().slice(0, 8)}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
  expect(requested.status).toBe(202);
  const { instanceId } = requested.body;
  await report('RecordInstanceProvisioned', { instanceId, url: 'http://x.test', containerName: `odoo-${instanceId}`, databaseName: 'inst_x' });
  return instanceId;
}

async function backup(instanceId: string, outcome: 'completed' | 'failed', completedAt = new Date().toISOString()): Promise<string> {
  const backupId = randomUUID();
  await report('BackupInstance', { backupId, instanceId, tenantId, mode: 'online' });
  if (outcome === 'completed') await report('RecordBackupCompleted', { backupId, manifest: manifest(backupId, instanceId, completedAt) });
  else await report('RecordBackupFailed', { backupId, reason: 'disk full', failedStep: 'archiveData' });
  return backupId;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  kit = identityKit(platform);
  owner = await signUp(platform.url);
  tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Healthy Backups Co' }, owner.auth)).body.tenantId;
  const handleCommand: HandleCommand = createCommandPipeline({ store: platform.store, commandLog: createInMemoryCommandLog(), handlers: commandHandlers, conflictRetries: 3 });
  report = async (type, data) => {
    await handleCommand({ type, data, metadata: { commandId: randomUUID(), actor: 'system:test', correlationId: randomUUID(), tenantId } });
  };
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

describe('backup health', () => {
  it('shows last success, last verification and consecutive failures on /status and as metrics', async () => {
    const instanceId = await runningInstance();
    const status = () => kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth);
    await eventually(async () => expect((await status()).body.backups).toEqual({ lastCompletedAt: null, lastVerifiedAt: null, lastVerification: null, consecutiveFailures: 0 }));

    const good = await backup(instanceId, 'completed', '2026-11-20T02:00:00.000Z');
    await report('RecordBackupVerification', { backupId: good, verificationId: 'drill:2026-11-21', ok: true, detail: '1 table' });
    await backup(instanceId, 'failed');
    await backup(instanceId, 'failed');
    await eventually(async () => expect((await status()).body.backups).toEqual({
      lastCompletedAt: '2026-11-20T02:00:00.000Z', lastVerifiedAt: expect.any(String), lastVerification: 'verified', consecutiveFailures: 2,
    }));

    const metrics = await (await fetch(`${platform.metricsUrl}/metrics`)).text();
    expect(metrics).toContain(`platform_backup_last_success_timestamp_seconds{instance_id="${instanceId}"} ${Date.parse('2026-11-20T02:00:00.000Z') / 1000}`);
    expect(metrics).toMatch(new RegExp(`platform_backup_last_verified_timestamp_seconds\\{instance_id="${instanceId}"\\} \\d+`));
    expect(metrics).toContain(`platform_backup_consecutive_failures{instance_id="${instanceId}"} 2`);

    // A success resets the count; a failed drill is the latest verdict but not "last verified".
    const newer = await backup(instanceId, 'completed', '2026-11-22T02:00:00.000Z');
    await report('RecordBackupVerification', { backupId: newer, verificationId: 'drill:2026-11-23', ok: false, detail: 'table count 0 != 1' });
    await eventually(async () => expect((await status()).body.backups).toMatchObject({
      lastCompletedAt: '2026-11-22T02:00:00.000Z', lastVerification: 'failed', consecutiveFailures: 0,
    }));
    expect(await (await fetch(`${platform.metricsUrl}/metrics`)).text()).toContain(`platform_backup_consecutive_failures{instance_id="${instanceId}"} 0`);
  });
});

describe('restore hold over HTTP', () => {
  it('answers 409 to restore/start/stop/restart/resize/delete while a restore holds the instance, and accepts them after', async () => {
    const instanceId = await runningInstance();
    const backupId = await backup(instanceId, 'completed');
    const restoreId = randomUUID();
    await report('BeginInstanceRestore', { instanceId, restoreId, backupId });
    const before = await platform.countEvents();
    for (const body of [{ action: 'start' }, { action: 'stop' }, { action: 'restart' }, { action: 'resize', plan: 'business' }]) {
      const reply = await kit.call('POST', `/api/v1/instances/${instanceId}/actions`, body, owner.auth);
      expect({ body, status: reply.status, detail: reply.body.detail }).toEqual({ body, status: 409, detail: expect.stringContaining('restore is still in progress') });
    }
    expect((await kit.call('DELETE', `/api/v1/instances/${instanceId}`, { gracePeriodSeconds: 0 }, owner.auth)).status).toBe(409);
    const otherRestore = await eventually(async () => {
      const reply = await kit.call('POST', `/api/v1/backups/${backupId}/restore`, undefined, owner.auth);
      expect(reply.status).not.toBe(404); // the catalogue has caught up
      return reply;
    });
    expect({ status: otherRestore.status, detail: otherRestore.body.detail }).toEqual({ status: 409, detail: expect.stringContaining('a restore is still in progress') });
    expect(await platform.countEvents()).toBe(before);
    await eventually(async () => expect((await kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth)).body.desired)
      .toEqual({ status: 'running', pendingOperation: 'restore' }));

    await report('RecordInstanceRestored', { instanceId, restoreId });
    expect((await kit.call('POST', `/api/v1/instances/${instanceId}/actions`, { action: 'stop' }, owner.auth)).status).toBe(202);
  });
});

describe('clone route', () => {
  it('accepts a clone of a completed backup as a restore into a new instance id, and refuses a missing backup', async () => {
    const instanceId = await runningInstance();
    const backupId = await backup(instanceId, 'completed');
    const subdomain = `clone-${randomUUID().slice(0, 8)}`;
    const clone = await eventually(async () => {
      const reply = await kit.call('POST', `/api/v1/backups/${backupId}/clone`, { name: 'Clone ERP', subdomain }, owner.auth);
      expect(reply.status).toBe(202);
      return reply;
    });
    const { restoreId, instanceId: cloneId } = clone.body;
    expect(cloneId).toBe(cloneInstanceId(restoreId));
    expect(clone.headers.get('location')).toBe(`/api/v1/instances/${cloneId}/status`);
    const [requested] = await platform.store.readStream(`restore-${restoreId}`);
    expect(requested).toMatchObject({ type: 'RestoreRequested', data: { backupId, instanceId: cloneId, tenantId, clone: { name: 'Clone ERP', subdomain } } });

    expect((await kit.call('POST', `/api/v1/backups/${backupId}/clone`, { name: 'Bad', subdomain: 'www' }, owner.auth)).status).toBe(400);
    expect((await kit.call('POST', `/api/v1/backups/${randomUUID()}/clone`, { name: 'X', subdomain: 'nothing-here' }, owner.auth)).status).toBe(404);
    const stranger = await signUp(platform.url);
    expect((await kit.call('POST', `/api/v1/backups/${backupId}/clone`, { name: 'Mine', subdomain: 'stolen-data' }, stranger.auth)).status).toBe(404);
  });
});
