// `npm run bench -- backup`: the whole backup saga through the command pipeline (BackupInstance →
// BackupStarted → the backup saga worker: hold/inspect, pg_dump -Fc and the volume's tar streamed at
// once into fs storage with SHA-256 and size, the manifest → BackupCompleted), timed from the command
// to BackupCompleted in the backup's stream, against the raw tools run concurrently as ours runs them
// (`pg_dump -Fc | tee file | sha256sum & docker cp <container>:/var/lib/odoo/. - | tee file | sha256sum
// & wait`, each file fsync'd as our fs storage does). The instance is a real one, provisioned through
// the instance saga on the Odoo contract double (tests/sagas/backups/backupTestWorld), grown to a
// pgbench database and a volume of random files; online mode (no stop: the raw side stops nothing
// either). Rounds alternate the order; medians. Peak RSS of this process is sampled every 50 ms.
// Every schema, database, container, volume and directory made is removed, whatever happens.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BackupManifest } from '../src/domain/backup/backupManifest';
import { startBackupBenchWorld, type BackupBenchWorld } from './support/backupBenchWorld';
import { percentile } from './support/percentile';
import { sampleRss, vmHwmMb } from './support/sampleRss';
import { shell } from './support/shell';
import { waitForStreamEvent } from './support/waitForStreamEvent';

const scale = Number(process.env.BENCH_BACKUP_PGBENCH_SCALE ?? 15); // ≈15 MB per unit
const volumeMb = Number(process.env.BENCH_BACKUP_VOLUME_MB ?? 120);
const rounds = Math.max(3, Number(process.env.BENCH_BACKUP_ROUNDS ?? 5));

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

    const peak = rss.stop();
    console.log(`peak RSS sampled every 50 ms: ${peak} MB (VmHWM of the whole process incl. start-up and the platform's workers: ${await vmHwmMb()} MB)`);
    const rawMs = percentile(rawBackup, 50);
    const ourMs = percentile(ourBackup, 50);
    console.log(`RESULT backup backup_ratio=${(rawMs / ourMs).toFixed(2)} raw_backup_ms=${rawMs} ours_backup_ms=${ourMs} rounds=${rounds} dump_mb=${mb(m.database.size)} tar_mb=${mb(m.volume.size)} peak_rss_mb=${peak}`);
  } finally {
    rss.stop();
    await rm(rawRoot, { recursive: true, force: true });
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

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const fmt = (values: number[]) => values.join('/');
