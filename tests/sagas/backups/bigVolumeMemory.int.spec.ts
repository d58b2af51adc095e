import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createBackupTargetCredentials } from '../../../src/adapters/storage/backupTargetCredentials';
import { startS3rver } from '../../adapters/storage/startS3rver';
import { killWorkerProcess } from '../support/workerProcess';
import { removeTestDockerResources } from '../../support/docker';
import { createBackupWorld, type BackupWorld } from './backupTestWorld';

// [memory] Issue 7: "a 1 GiB volume backs up with the worker's memory staying flat (measured,
// reported)". 1 GiB of /dev/urandom (incompressible, so nothing makes it small on the way) in a
// real instance volume, backed up by the real backup saga in a worker process of its own; that
// process samples its RSS every 50 ms and the test compares the peak during the backup with the
// baseline before it. The tenant has an off-site target (s3rver), so the same run also streams the
// archives into the tenant's bucket and reads them back (decision 023). Prints one `MEMORY …` line.
const GiB = 1024 ** 3;
const allowedGrowthMb = 150;
let world: BackupWorld;
let worker: ChildProcess | null = null;
let tenantS3: Awaited<ReturnType<typeof startS3rver>> | null = null;
const samples: Array<{ at: number; rss: number }> = [];

function startBackupWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(path.join(process.cwd(), 'node_modules/.bin/tsx'), [path.join(__dirname, 'support/backupWorkerProcess.ts')], {
    env: { ...process.env, SAGA_WORLD: JSON.stringify(world.names), BACKUP_FS_ROOT: world.storageRoot!, SAGA_CONCURRENCY: '1', REPORT_RSS: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let pending = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve(child);
        else if (line.startsWith('rss ')) samples.push({ at: Date.now(), rss: Number(line.slice(4)) });
      }
    });
    child.once('exit', (code) => reject(new Error(`backup worker exited early with ${code}`)));
  });
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  world = await createBackupWorld('bigvolume', 'fs');
  await removeTestDockerResources(world.docker, world.names.suite);
}, 60_000);

afterAll(async () => {
  if (worker) await killWorkerProcess(worker);
  await tenantS3?.close();
  // The fs storage root (the 1 GiB archive) goes with the world; the volume with the suite's resources.
  await world.closeAll();
  await removeTestDockerResources(world.docker, world.names.suite);
}, 60_000);

test('[memory] a 1 GiB volume backs up through the backup saga with the worker\'s RSS flat (peak − baseline < 150 MB)', async () => {
  const { instanceId, tenantId } = await world.runningInstance();
  const filled = Date.now();
  await world.sh(instanceId, 'dd if=/dev/urandom of=/var/lib/odoo/big.bin bs=1M count=1024 2>/dev/null && sync');
  const fillSeconds = (Date.now() - filled) / 1000;
  tenantS3 = await startS3rver('tenant-copies');
  const credentials = createBackupTargetCredentials(world.pool, world.names.sagaSchema, Buffer.from(world.names.secretsKey, 'base64'));
  const credentialsRef = credentials.referenceFor(tenantId, 'bigvolume');
  await credentials.store(credentialsRef, tenantS3.settings.credentials!);
  await world.command('SetTenantBackupTarget', {
    tenantId, endpoint: tenantS3.settings.endpoint, region: 'us-east-1', bucket: tenantS3.settings.bucket, prefix: '',
    forcePathStyle: true, credentialsRef, accessKeyIdHint: '…RVER',
  }, tenantId);

  worker = await startBackupWorkerProcess();
  await sleep(1500);
  const baselineSamples = samples.slice(-10).map((s) => s.rss).sort((a, b) => a - b);
  const baseline = baselineSamples[Math.floor(baselineSamples.length / 2)]!;
  const started = Date.now();
  const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode: 'online' }, tenantId);
  let done;
  for (;;) {
    done = (await world.store.readStream(`backup-${backupId}`)).find((e) => ['BackupCompleted', 'BackupFailed'].includes(e.type));
    if (done || Date.now() - started > 200_000) break;
    await sleep(200);
  }
  const seconds = (Date.now() - started) / 1000;
  expect(done?.type).toBe('BackupCompleted');
  const manifest = (done!.data as { manifest: { volume: { key: string; size: number; sha256: string }; database: { key: string } } }).manifest;
  const during = samples.filter((s) => s.at >= started).map((s) => s.rss);
  const peak = Math.max(...during);
  const steps = await world.store.readStream(`saga-backupInstance-${backupId}`);
  const stepAt = (name: string) => steps.find((e) => e.type === 'SagaStepCompleted' && (e.data as { step: string }).step === name)!.createdAt.getTime();
  const copySeconds = (stepAt('copyOffsite') - stepAt('writeManifest')) / 1000;
  const primaryPeak = Math.max(...samples.filter((s) => s.at >= started && s.at <= stepAt('writeManifest')).map((s) => s.rss));
  console.log(`MEMORY backup-1gib volume_bytes=${manifest.volume.size} fill_s=${fillSeconds.toFixed(1)} saga_s=${seconds.toFixed(1)} ` +
    `primary_s=${(seconds - copySeconds).toFixed(1)} offsite_copy_and_readback_s=${copySeconds.toFixed(1)} baseline_rss_mb=${mb(baseline)} ` +
    `primary_peak_rss_mb=${mb(primaryPeak)} peak_rss_mb=${mb(peak)} growth_mb=${mb(peak - baseline)} samples=${during.length} limit_growth_mb=${allowedGrowthMb}`);
  // The saga records the copy on the tenant's target stream when it completes, right after BackupCompleted.
  const offsiteRecord = async () => (await world.store.readStream(`backupTarget-${tenantId}`)).find((e) => (e.data as { backupId?: string }).backupId === backupId);
  let copied = await offsiteRecord();
  for (const deadline = Date.now() + 60_000; !copied && Date.now() < deadline; copied = await offsiteRecord()) await sleep(200);
  expect(copied?.type).toBe('BackupCopiedOffsite');
  expect((copied!.data as { objects: Array<{ key: string; sha256: string }> }).objects.find((o) => o.key === manifest.volume.key)?.sha256).toBe(manifest.volume.sha256);

  expect(manifest.volume.size).toBeGreaterThan(GiB);
  expect(during.length).toBeGreaterThan(20);
  expect(mb(peak - baseline)).toBeLessThan(allowedGrowthMb);
  await world.storage.delete(manifest.volume.key);
  await world.storage.delete(manifest.database.key);
}, 240_000);
