// `npm run bench -- backup`: the whole backup saga through the command pipeline (BackupInstance →
// BackupStarted → the backup saga worker: hold/inspect, pg_dump -Fc and the volume's tar streamed at
// once into fs storage with SHA-256 and size, the manifest → BackupCompleted), timed from the command
// to BackupCompleted in the backup's stream, against the raw tools run concurrently as ours runs them
// (`pg_dump -Fc | tee file | sha256sum & docker cp <container>:/var/lib/odoo/. - | tee file | sha256sum
// & wait`, each file fsync'd as our fs storage does). The instance is a real one, provisioned through
// the instance saga on the Odoo contract double (tests/sagas/backups/backupTestWorld), grown to a
// pgbench database and a volume of random files; online mode (no stop: the raw side stops nothing
// either). Rounds alternate the order; medians. Peak RSS of this process is sampled every 50 ms.
// Restore: the whole restore saga (RestoreBackup → RestoreCompleted: checksum check, consistent
// pre-restore backup, new database and volume, ownership, verify, swap, container recreated and
// healthy, old data dropped) of the last backup, against the same steps scripted with the plain tools
// (bench/support/rawRestore) on a second instance of the same world holding the same data.
// Every schema, database, container, volume and directory made is removed, whatever happens.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BackupManifest } from '../src/domain/backup/backupManifest';
import { instanceResourceNames } from '../src/domain/instance/instanceResourceNames';
import { instanceDatabaseName } from '../src/sagas/instances/instanceDatabaseName';
import { ODOO_DOUBLE_IMAGES } from '../tests/support/docker';
import { testInstanceAdminUrl } from '../tests/support/instancesDb';
import { startBackupBenchWorld, type BackupBenchWorld } from './support/backupBenchWorld';
import { percentile } from './support/percentile';
import { rawRestore, type RawInstance } from './support/rawRestore';
import { sampleRss, vmHwmMb } from './support/sampleRss';
import { shell } from './support/shell';
import { waitForStreamEvent } from './support/waitForStreamEvent';

const scale = Number(process.env.BENCH_BACKUP_PGBENCH_SCALE ?? 15); // ≈15 MB per unit
const volumeMb = Number(process.env.BENCH_BACKUP_VOLUME_MB ?? 120);
const rounds = Math.max(3, Number(process.env.BENCH_BACKUP_ROUNDS ?? 5));
const restoreRounds = Math.max(3, Number(process.env.BENCH_RESTORE_ROUNDS ?? 3));

// What a careful operator types: both tools at once (they read different things), checksums on the
// way, the files on disk and synced before the backup counts, and a failure of either fails the whole.
const rawBackupScript = `
  ( pg_dump --format=custom --no-password | tee "$OUT/db.dump" | sha256sum >"$OUT/db.sha256" && sync "$OUT/db.dump" ) & dump=$!
  ( docker cp "$CONTAINER:/var/lib/odoo/." - | tee "$OUT/data.tar" | sha256sum >"$OUT/data.sha256" && sync "$OUT/data.tar" ) & tar=$!
  wait $dump && wait $tar`;

export async function run(): Promise<void> {
  const rss = sampleRss();
  const rawRoot = await mkdtemp(path.join(tmpdir(), 'bench-backup-raw-'));
  let bench: BackupBenchWorld | null = null;
  const admin = new pg.Pool({ connectionString: testInstanceAdminUrl, max: 2 });
  let rawSideDatabase: string | null = null;
  try {
    bench = await startBackupBenchWorld('benchbackup', { pgbenchScale: scale, volumeMb });
    const { stdout: dbBytes } = await shell('psql -Atc "SELECT pg_database_size(current_database())"', bench.adminEnv(bench.database));
    console.log(`instance (provisioned through the saga): database ${mb(Number(dbBytes))} MB (pgbench -s ${scale}), volume ${volumeMb} MB of random files + 500 small ones`);

    const rawBackup: number[] = [];
    const ourBackup: number[] = [];
    let manifest: BackupManifest | null = null;
    for (let round = 0; round < rounds; round += 1) {
      const out = path.join(rawRoot, `round-${round}`);
      await mkdir(out);
      const raw = async () => rawBackup.push(await timed(() => shell(rawBackupScript, { ...bench!.adminEnv(bench!.database), OUT: out, CONTAINER: bench!.container })));
      const ours = async () => {
        const started = performance.now();
        manifest = await backupThroughPipeline(bench!);
        ourBackup.push(Math.round(performance.now() - started));
      };
      if (round % 2 === 0) { await raw(); await ours(); } else { await ours(); await raw(); }
      // Outside the timings: keep the disk from filling over the rounds.
      await rm(out, { recursive: true, force: true });
      const m = manifest as BackupManifest | null;
      if (m && round < rounds - 1) for (const key of [m.database.key, m.volume.key]) await bench.world.storage.delete(key);
    }
    const m = manifest as BackupManifest | null;
    if (!m) throw new Error('no backup was made');
    console.log(`backup: raw ${fmt(rawBackup)} ms, ours ${fmt(ourBackup)} ms, order alternating (dump ${mb(m.database.size)} MB, tar ${mb(m.volume.size)} MB, ${m.database.tableCount} tables)`);

    // ---- restore: a second instance of the world is the raw side's; one untimed raw restore first
    // gives it the same data as ours, so both pre-restore backups copy the same amount.
    const rawSide = await bench.world.runningInstance();
    const rawDatabase = instanceDatabaseName(rawSide.instanceId);
    rawSideDatabase = rawDatabase;
    const rawInstance: RawInstance = {
      database: rawDatabase, rolePassword: await bench.world.instancePassword(rawSide.instanceId), container: `odoo-${rawSide.instanceId}`,
      volume: instanceResourceNames(rawSide.instanceId).volume,
    };
    const storageRoot = bench.world.storageRoot!;
    const files = {
      dump: path.join(storageRoot, ...m.database.key.split('/')), dumpSha256: m.database.sha256,
      tar: path.join(storageRoot, ...m.volume.key.split('/')), tarSha256: m.volume.sha256, preRestoreDir: path.join(rawRoot, 'pre-restore'),
    };
    await mkdir(files.preRestoreDir);
    const rawRestoreRound = (name: string) => rawRestore({
      docker: bench!.world.docker, admin, instance: rawInstance, files, newName: name, labels: bench!.world.names.docker.extraLabels ?? {},
      adminEnv: bench!.adminEnv, helperImage: ODOO_DOUBLE_IMAGES['17.0'],
    });
    await rawRestoreRound('rawwarm');
    const rawRestoreMs: number[] = [];
    const ourRestoreMs: number[] = [];
    for (let round = 0; round < restoreRounds; round += 1) {
      const raw = async () => rawRestoreMs.push(await timed(() => rawRestoreRound(`raw${round}`)));
      const ours = async () => ourRestoreMs.push(await timed(() => restoreThroughPipeline(bench!, m.backupId)));
      if (round % 2 === 0) { await raw(); await ours(); } else { await ours(); await raw(); }
    }
    console.log(`restore: raw ${fmt(rawRestoreMs)} ms, ours ${fmt(ourRestoreMs)} ms, order alternating (each with a pre-restore backup of ${mb(Number(dbBytes))} MB + ${volumeMb} MB)`);

    const peak = rss.stop();
    console.log(`peak RSS sampled every 50 ms: ${peak} MB (VmHWM of the whole process incl. start-up and the platform's workers: ${await vmHwmMb()} MB)`);
    const rawMs = percentile(rawBackup, 50);
    const ourMs = percentile(ourBackup, 50);
    const rawRestoreMedian = percentile(rawRestoreMs, 50);
    const ourRestoreMedian = percentile(ourRestoreMs, 50);
    console.log(`RESULT backup backup_ratio=${(rawMs / ourMs).toFixed(2)} raw_backup_ms=${rawMs} ours_backup_ms=${ourMs} rounds=${rounds} restore_ratio=${(rawRestoreMedian / ourRestoreMedian).toFixed(2)} raw_restore_ms=${rawRestoreMedian} ours_restore_ms=${ourRestoreMedian} restore_rounds=${restoreRounds} dump_mb=${mb(m.database.size)} tar_mb=${mb(m.volume.size)} peak_rss_mb=${peak}`);
  } finally {
    rss.stop();
    await rm(rawRoot, { recursive: true, force: true });
    // The raw side's side databases, if a round failed between its create and its swap.
    if (rawSideDatabase) {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname IN ($1 || '_old', $1 || '_rawwarm') OR datname LIKE $1 || '\\_raw%'`, [rawSideDatabase])
        .catch(() => ({ rows: [] as Array<{ datname: string }> }));
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(report(`drop database ${datname}`));
    }
    await admin.end();
    await bench?.close();
  }
}

/** BackupInstance through the command pipeline, then the backup's own stream until the saga reports. */
async function backupThroughPipeline(bench: BackupBenchWorld): Promise<BackupManifest> {
  const { world, instanceId, tenantId } = bench;
  const backupId = await world.command('BackupInstance', { instanceId, tenantId, mode: 'online' }, tenantId);
  const done = await waitForStreamEvent(world.store, `backup-${backupId}`, ['BackupCompleted', 'BackupFailed']);
  if (done.type !== 'BackupCompleted') throw new Error(`backup ${backupId} failed: ${JSON.stringify(done.data)}`);
  return (done.data as { manifest: BackupManifest }).manifest;
}

/** RestoreBackup through the command pipeline, then the restore's stream until the saga reports. */
async function restoreThroughPipeline(bench: BackupBenchWorld, backupId: string): Promise<void> {
  const { world, instanceId, tenantId } = bench;
  const restoreId = await world.command('RestoreBackup', { backupId, instanceId, tenantId }, tenantId);
  const done = await waitForStreamEvent(world.store, `restore-${restoreId}`, ['RestoreCompleted', 'RestoreFailed']);
  if (done.type !== 'RestoreCompleted') throw new Error(`restore ${restoreId} failed: ${JSON.stringify(done.data)}`);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const fmt = (values: number[]) => values.join('/');
const report = (what: string) => (error: unknown) => console.error(`clean-up: ${what}: ${error instanceof Error ? error.message : String(error)}`);
