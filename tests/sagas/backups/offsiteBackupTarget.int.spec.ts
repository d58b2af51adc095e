import { createHash, randomBytes } from 'node:crypto';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { BackupStorage } from '../../../src/ports/backupStorage';
import { createS3BackupStorage, type S3StorageSettings } from '../../../src/adapters/storage/createS3BackupStorage';
import { startS3rver } from '../../adapters/storage/startS3rver';
import { removeTestDockerResources } from '../../support/docker';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { createBackupWorld, type BackupWorld } from './backupTestWorld';

// A tenant's own bucket as an extra off-site target, end to end: the route (real HTTP, the
// credentials checked against a real S3 peer), the encrypted secrets table, the backup saga on real
// Docker and PostgreSQL copying into a second s3rver, the read model. s3rver checks access key ids
// but not v4 signatures, so "wrong credentials" here is an unknown key id.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DUMMY_ACCOUNT: s3rverAccount } = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void; revokeAccessKey(id: string): void };
};

let world: BackupWorld;
let platform: TestPlatform;
let tenantS3: { settings: S3StorageSettings; close(): Promise<void> };
let bucketView: BackupStorage;
let owner: SignedUpUser;
let tenantId: string;
const accessKeyId = `AKIA${randomBytes(8).toString('hex').toUpperCase()}`;
const secretAccessKey = `tenant-secret-${randomBytes(16).toString('base64url')}`;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = owner.auth) {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), text, body: text ? JSON.parse(text) : null };
}

const targetBody = (overrides: Record<string, unknown> = {}) => ({
  endpoint: tenantS3.settings.endpoint, region: 'us-east-1', bucket: tenantS3.settings.bucket, prefix: 'acme/odoo/',
  forcePathStyle: true, accessKeyId, secretAccessKey, ...overrides,
});

async function waitForEvent(stream: string, match: (event: RecordedEvent) => boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await world.store.readStream(stream)).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`nothing matching in ${stream} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sha256Of(storage: BackupStorage, key: string) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await storage.get(key)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function runningInstanceOfTenant() {
  const { instanceId } = await world.provision({ tenantId });
  const provisioned = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
  expect(provisioned.type).toBe('InstanceProvisioned');
  return instanceId;
}

async function backUp(instanceId: string) {
  const started = await call('POST', `/api/v1/instances/${instanceId}/backups`, { mode: 'online' });
  expect(started.status).toBe(202);
  const backupId = started.body.backupId as string;
  const completed = await waitForEvent(`backup-${backupId}`, (e) => ['BackupCompleted', 'BackupFailed'].includes(e.type));
  expect(completed.type).toBe('BackupCompleted');
  const offsite = await waitForEvent(`backupTarget-${tenantId}`, (e) => (e.data as { backupId?: string }).backupId === backupId);
  return { backupId, manifest: (completed.data as { manifest: { database: { key: string; sha256: string; size: number }; volume: { key: string; sha256: string; size: number } } }).manifest, offsite };
}

async function secretAppearsInEvents(secret: string) {
  const { rows } = await world.pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "${world.names.eventStoreSchema}".events WHERE strpos(data::text, $1) > 0 OR strpos(metadata::text, $1) > 0`, [secret]);
  return rows[0]!.count;
}

async function storedCredentials() {
  const { rows } = await world.pool.query<{ reference: string; plain: boolean }>(
    `SELECT reference, position(convert_to($2, 'UTF8') in ciphertext) > 0 AS plain FROM "${world.names.sagaSchema}".secrets WHERE starts_with(reference, $1)`,
    [`backupTarget:${tenantId}:`, secretAccessKey]);
  return rows;
}

beforeAll(async () => {
  world = await createBackupWorld('offsite', 'fs');
  await removeTestDockerResources(world.docker, world.names.suite);
  await world.startBackupWorker();
  tenantS3 = await startS3rver('tenant-backups');
  bucketView = createS3BackupStorage(tenantS3.settings);
  s3rverAccount.createKeyPair(accessKeyId, secretAccessKey);
  platform = await startTestPlatform('all', {
    EVENTSTORE_SCHEMA: world.names.eventStoreSchema, READMODEL_SCHEMA: world.names.readModelSchema,
    SAGA_SCHEMA: world.names.sagaSchema, SECRETS_KEY: world.names.secretsKey, BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS: 'true',
  });
  owner = await signUp(platform.url);
  tenantId = (await call('POST', '/api/v1/tenants', { name: 'Acme Offsite' })).body.tenantId;
}, 120_000);

afterAll(async () => {
  s3rverAccount.revokeAccessKey(accessKeyId);
  await platform?.stop();
  await world?.closeAll();
  await bucketView?.close();
  await tenantS3?.close();
  await removeTestDockerResources(world.docker, world.names.suite);
});

describe('a tenant\'s own S3 bucket as an extra off-site backup target', () => {
  it('refuses credentials that do not work (400 problem, no secret in it) and writes nothing anywhere', async () => {
    const eventsBefore = await platform.countEvents();
    const wrong = await call('PUT', `/api/v1/tenants/${tenantId}/backup-target`, targetBody({ accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: `${secretAccessKey}-wrong` }));
    expect(wrong.status).toBe(400);
    expect(wrong.type).toContain('application/problem+json');
    expect(wrong.body).toMatchObject({ type: expect.stringContaining('backup-target-rejected'), detail: expect.stringContaining('InvalidAccessKeyId') });
    expect(wrong.text).not.toContain(secretAccessKey);
    const noBucket = await call('PUT', `/api/v1/tenants/${tenantId}/backup-target`, targetBody({ bucket: 'no-such-bucket' }));
    expect(noBucket.status).toBe(400);
    expect(noBucket.body.detail).toContain('NoSuchBucket');
    expect(noBucket.text).not.toContain(secretAccessKey);
    expect(await platform.countEvents()).toBe(eventsBefore);
    expect(await bucketView.list('')).toEqual([]);
    expect(await storedCredentials()).toEqual([]);
    expect((await call('GET', `/api/v1/tenants/${tenantId}/backup-target`)).status).toBe(404);
  });

  it('sets a target; GET shows where, never the secret; an API key, even one managing backups, cannot set it', async () => {
    const put = await call('PUT', `/api/v1/tenants/${tenantId}/backup-target`, targetBody());
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ tenantId, bucket: 'tenant-backups', prefix: 'acme/odoo/', accessKeyIdHint: `…${accessKeyId.slice(-4)}` });
    const get = await call('GET', `/api/v1/tenants/${tenantId}/backup-target`);
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ endpoint: tenantS3.settings.endpoint, region: 'us-east-1', bucket: 'tenant-backups', forcePathStyle: true });
    for (const text of [put.text, get.text]) {
      expect(text).not.toContain(secretAccessKey);
      expect(text).not.toContain(accessKeyId);
    }
    // Stored once, encrypted (the plaintext is nowhere in the row); the check object is gone again.
    expect(await storedCredentials()).toEqual([{ reference: expect.stringMatching(/^backupTarget:/), plain: false }]);
    expect(await bucketView.list('')).toEqual([]);
    // Setting again with new credentials replaces the stored ones (one row, the new reference).
    const again = await call('PUT', `/api/v1/tenants/${tenantId}/backup-target`, targetBody());
    expect(again.status).toBe(200);
    expect(await storedCredentials()).toHaveLength(1);
    const key = await call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'ci', scopes: ['backups:read', 'backups:manage'] });
    const byKey = await call('PUT', `/api/v1/tenants/${tenantId}/backup-target`, targetBody({ bucket: 'elsewhere' }), { authorization: `Bearer ${key.body.token}` });
    expect(byKey.status).toBe(403);
    expect((await call('GET', `/api/v1/tenants/${tenantId}/backup-target`, undefined, { authorization: `Bearer ${key.body.token}` })).body.bucket).toBe('tenant-backups');
  });

  it('backs up an instance and finds the dump, the volume tar and the manifest in the tenant\'s bucket with matching sha256', async () => {
    const instanceId = await runningInstanceOfTenant();
    await world.sh(instanceId, 'mkdir -p /var/lib/odoo/filestore && echo offsite > /var/lib/odoo/filestore/o.txt');
    const { backupId, manifest, offsite } = await backUp(instanceId);
    expect(offsite.type).toBe('BackupCopiedOffsite');
    const base = `instances/${instanceId}/${backupId}`;
    expect(await bucketView.list('')).toEqual([`acme/odoo/${base}/database.dump`, `acme/odoo/${base}/manifest.json`, `acme/odoo/${base}/volume.tar`]);
    expect(await sha256Of(bucketView, `acme/odoo/${manifest.database.key}`)).toEqual({ size: manifest.database.size, sha256: manifest.database.sha256 });
    expect(await sha256Of(bucketView, `acme/odoo/${manifest.volume.key}`)).toEqual({ size: manifest.volume.size, sha256: manifest.volume.sha256 });
    expect(await sha256Of(bucketView, `acme/odoo/${base}/manifest.json`)).toEqual(await sha256Of(world.storage, `${base}/manifest.json`));
    const objects = (offsite.data as { objects: Array<{ key: string; sha256: string }> }).objects;
    expect(objects.map((o) => o.key).sort()).toEqual([`acme/odoo/${base}/database.dump`, `acme/odoo/${base}/manifest.json`, `acme/odoo/${base}/volume.tar`]);
    expect(objects.find((o) => o.key.endsWith('database.dump'))!.sha256).toBe(manifest.database.sha256);

    const view = await call('GET', `/api/v1/backups/${backupId}?minPosition=${offsite.position.transactionId}.${offsite.position.globalPosition}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'completed', offsite: { status: 'copied', bucket: 'tenant-backups' } });
  });

  it('a failing off-site copy is recorded with a reason (no secret) and the primary backup still completes', async () => {
    s3rverAccount.revokeAccessKey(accessKeyId);
    try {
      const instanceId = await runningInstanceOfTenant();
      const { backupId, manifest, offsite } = await backUp(instanceId);
      expect(offsite).toMatchObject({ type: 'BackupOffsiteCopyFailed', data: { bucket: 'tenant-backups', reason: expect.stringContaining('InvalidAccessKeyId') } });
      expect(JSON.stringify(offsite.data)).not.toContain(secretAccessKey);
      expect(await sha256Of(world.storage, manifest.database.key)).toEqual({ size: manifest.database.size, sha256: manifest.database.sha256 });
      expect((await bucketView.list('')).filter((key) => key.includes(backupId))).toEqual([]);
    } finally {
      s3rverAccount.createKeyPair(accessKeyId, secretAccessKey);
    }
  });

  it('never writes the secret (or the key id) into any event', async () => {
    expect(await secretAppearsInEvents(secretAccessKey)).toBe(0);
    expect(await secretAppearsInEvents(accessKeyId)).toBe(0);
    expect(await secretAppearsInEvents('tenant-secret-')).toBe(0);
  });

  it('removes the target and its stored credentials', async () => {
    const removed = await call('DELETE', `/api/v1/tenants/${tenantId}/backup-target`);
    expect(removed.status).toBe(200);
    expect(await storedCredentials()).toEqual([]);
    expect((await call('GET', `/api/v1/tenants/${tenantId}/backup-target`)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/tenants/${tenantId}/backup-target`)).status).toBe(404);
  });
});
