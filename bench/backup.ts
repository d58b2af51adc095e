// `npm run bench -- backup`: our backup and restore (the saga's own streaming steps: pg_dump -Fc and the
// volume's tar streamed into fs storage with SHA-256 and size on the way; restore checksum-checked into
// a fresh database and volume) against the raw tools (`pg_dump -Fc | sha256sum`, the engine's tar of
// the volume | sha256sum, `pg_restore` from the file, the tar file extracted by the engine), on a ≥200 MB pgbench database and a ≥100 MB
// volume. Peak RSS of this process is sampled every 50 ms. Creates its own role, databases, volumes and
// storage directory and removes them all, whatever happens.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { createBackupVolumes } from '../src/adapters/docker/createBackupVolumes';
import { createDockerClient } from '../src/adapters/docker/createDockerClient';
import { ODOO_DATA_DIR } from '../src/adapters/docker/buildContainerOptions';
import { instanceResourceNames } from '../src/domain/instance/instanceResourceNames';
import { createPostgresAdmin } from '../src/adapters/postgresAdmin/createPostgresAdmin';
import { createRestoreDatabaseAdmin } from '../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import { pgConnectionEnv, pgConnectionFromUrl, type PgConnection } from '../src/adapters/postgresAdmin/pgConnectionEnv';
import type { SecretStore } from '../src/ports/secretStore';
import { createFsBackupStorage } from '../src/adapters/storage/createFsBackupStorage';
import { loadConfig } from '../src/config';
import type { BackupManifest } from '../src/domain/backup/backupManifest';
import { archiveDataStep } from '../src/sagas/backups/archiveDataStep';
import { backupObjectKeys } from '../src/sagas/backups/backupObjectKeys';
import { buildBackupManifest } from '../src/sagas/backups/buildBackupManifest';
import type { BackupSagaDeps } from '../src/sagas/backups/backupSagaDeps';
import { instanceDatabaseName, instanceSecretReference } from '../src/sagas/instances/instanceDatabaseName';
import { restoreDatabaseArchive, restoreVolumeArchive } from '../src/sagas/restore/restoreArchives';
import { restoreResourceNames } from '../src/sagas/restore/restoreResourceNames';
import { percentile } from './support/percentile';

const scale = Number(process.env.BENCH_BACKUP_PGBENCH_SCALE ?? 15); // ≈15 MB per unit
const volumeMb = Number(process.env.BENCH_BACKUP_VOLUME_MB ?? 120);
const rounds = Number(process.env.BENCH_BACKUP_ROUNDS ?? 5);
// Any image with a shell, tar and dd works (the helper containers only mount the volume).
const image = process.env.BENCH_BACKUP_IMAGE ?? process.env.TEST_INSTANCE_IMAGE ?? 'platform-test/odoo-standin:latest';
const benchLabel = 'platform.bench';

export async function run(): Promise<void> {
  const config = loadConfig();
  const rss = startRssSampler();
  const instanceId = randomUUID();
  const tenantId = randomUUID();
  const role = instanceDatabaseName(instanceId);
  const volume = instanceResourceNames(instanceId).volume;
  const password = randomBytes(18).toString('base64url');
  const docker = createDockerClient(config.DOCKER_SOCKET);
  const labels = { [benchLabel]: '1', [`${benchLabel}.pid`]: String(process.pid) };
  const postgresAdmin = createPostgresAdmin(config.INSTANCE_DB_ADMIN_URL, { pgBinDir: config.PG_BIN_DIR });
  const databases = createRestoreDatabaseAdmin(config.INSTANCE_DB_ADMIN_URL);
  const volumes = createBackupVolumes(docker, { image, extraLabels: labels });
  const storageRoot = await mkdtemp(path.join(tmpdir(), 'bench-backup-'));
  const storage = createFsBackupStorage(storageRoot);
  // The bench role's password, in memory only: restoreDatabaseArchive reads it as the saga would.
  const secrets: SecretStore = {
    ensure: async () => password,
    read: async (reference) => (reference === instanceSecretReference(instanceId) ? password : null),
    replace: async () => undefined,
    remove: async () => undefined,
  };
  // The instance's volume is the bench's: the saga step asks the Docker adapter for its archive.
  const instanceDocker = { getVolumeArchive: () => volumes.archive(volume) };
  const deps = { postgresAdmin, databases, volumes, storage, secrets, docker: instanceDocker, archiveTimeoutMs: 600_000, pgBinDir: config.PG_BIN_DIR } as unknown as BackupSagaDeps;
  const createdDatabases = new Set<string>([role]);
  const createdVolumes = new Set<string>([volume]);
  const tool = (name: string) => (config.PG_BIN_DIR ? path.join(config.PG_BIN_DIR, name) : name);
  const admin = (database: string) => pgConnectionFromUrl(config.INSTANCE_DB_ADMIN_URL, database);
  const asRole = (database: string): PgConnection => ({ ...admin(database), user: role, password });

  try {
    // ---- the instance: a pgbench database owned by the instance role, a volume of random files
    await postgresAdmin.ensureRole(role, password, `bench:${role}`);
    await postgresAdmin.ensureDatabase(role, role, `bench:${role}`);
    await shell(`"${tool('pgbench')}" -i -q -s ${scale}`, pgConnectionEnv(asRole(role)));
    const { stdout: dbBytes } = await shell('psql -Atc "SELECT pg_database_size(current_database())"', pgConnectionEnv(admin(role)));
    await volumes.ensure(volume, { instanceId, tenantId });
    await fillVolume(docker, volume, volumeMb, labels);
    console.log(`instance: database ${mb(Number(dbBytes))} MB (pgbench -s ${scale}), volume ${volumeMb} MB of random files + 500 small ones`);

    // ---- backup: alternate the order per round so caches and drift favour neither; the median of each
    const keysOf = (round: number) => backupObjectKeys(instanceId, `bench-${round}`);
    let manifest: BackupManifest | null = null;
    const rawBackup: number[] = [];
    const ourBackup: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const raw = async () => rawBackup.push(await timed(async () => {
        await shell(`"${tool('pg_dump')}" --format=custom --no-password | sha256sum >/dev/null`, pgConnectionEnv(admin(role)));
        await rawVolumeArchive(docker, volume, labels);
      }));
      const ours = async () => {
        const started = Date.now();
        manifest = await ourBackupOnce(deps, { instanceId, tenantId, backupId: `bench-${round}` });
        ourBackup.push(Date.now() - started);
      };
      if (round % 2 === 0) { await raw(); await ours(); } else { await ours(); await raw(); }
      if (round > 0) for (const key of Object.values(keysOf(round - 1))) await storage.delete(key);
    }
    const m = manifest as BackupManifest | null;
    if (!m) throw new Error('no backup was made');
    console.log(`backup: raw ${fmt(rawBackup)} ms, ours ${fmt(ourBackup)} ms (dump ${mb(m.database.size)} MB, tar ${mb(m.volume.size)} MB)`);

    // ---- restore: into fresh side databases/volumes, dropped after each round (outside the timing)
    const rawRestore: number[] = [];
    const ourRestore: number[] = [];
    const dumpFile = path.join(storageRoot, ...m.database.key.split('/'));
    const tarFile = path.join(storageRoot, ...m.volume.key.split('/'));
    for (let round = 0; round < rounds; round += 1) {
      const rawDb = `${role}_raw${round}`;
      const rawVolume = `${volume}-raw${round}`;
      const side = restoreResourceNames(instanceId, `bench-restore-${round}`);
      [rawDb, side.newDatabase].forEach((name) => createdDatabases.add(name));
      [rawVolume, side.newVolume].forEach((name) => createdVolumes.add(name));
      const raw = async () => rawRestore.push(await timed(async () => {
        await postgresAdmin.ensureDatabase(rawDb, role, `bench:${role}`);
        await shell(`"${tool('pg_restore')}" --exit-on-error --no-password --no-owner --no-privileges --dbname="$PGDATABASE" "$DUMP"`, { ...pgConnectionEnv(asRole(rawDb)), DUMP: dumpFile });
        await docker.createVolume({ Name: rawVolume, Labels: labels });
        await rawVolumeExtract(docker, rawVolume, tarFile, labels);
      }));
      const ours = async () => ourRestore.push(await timed(async () => {
        await restoreDatabaseArchive(deps, m, side.newDatabase, role);
        await restoreVolumeArchive(deps, m, side.newVolume);
      }));
      if (round % 2 === 0) { await raw(); await ours(); } else { await ours(); await raw(); }
      const restoredTables = await databases.tableCount(side.newDatabase);
      if (restoredTables !== m.database.tableCount) throw new Error(`our restore has ${restoredTables} tables, the backup ${m.database.tableCount}`);
      for (const name of [rawDb, side.newDatabase]) await postgresAdmin.dropDatabase(name);
      for (const name of [rawVolume, side.newVolume]) await volumes.remove(name);
    }
    console.log(`restore: raw ${fmt(rawRestore)} ms, ours ${fmt(ourRestore)} ms (${m.database.tableCount} tables checked)`);

    const peak = rss.stop();
    const hwm = await vmHwmMb();
    console.log(`peak RSS sampled every 50 ms: ${peak} MB (VmHWM of the whole process incl. start-up: ${hwm} MB)`);
    // Medians: one lucky or unlucky round (page cache, another process) moves a best-of a lot.
    const ratio = (raw: number[], ours: number[]) => (percentile(raw, 50) / percentile(ours, 50)).toFixed(2);
    console.log(`RESULT backup backup_ratio=${ratio(rawBackup, ourBackup)} restore_ratio=${ratio(rawRestore, ourRestore)} peak_rss_mb=${peak}`);
  } finally {
    rss.stop();
    for (const name of createdDatabases) await postgresAdmin.dropDatabase(name).catch(report(`drop database ${name}`));
    await postgresAdmin.dropRole(role).catch(report(`drop role ${role}`));
    await removeBenchContainers(docker);
    for (const name of createdVolumes) await volumes.remove(name).catch(report(`remove volume ${name}`));
    await rm(storageRoot, { recursive: true, force: true });
    await postgresAdmin.close();
    await databases.close();
  }
}

/** The backup saga's own archiveData step (dump and tar into storage at once), then its manifest. */
async function ourBackupOnce(deps: BackupSagaDeps, ids: { instanceId: string; tenantId: string; backupId: string }): Promise<BackupManifest> {
  const input = { ...ids, mode: 'online' as const, trigger: 'manual' as const, slot: null, requestedBy: 'bench' };
  const startedAt = new Date().toISOString();
  const output = await archiveDataStep(deps).run({
    sagaName: 'backupInstance', sagaId: ids.backupId, input, outputs: {}, signal: new AbortController().signal, attempt: 1,
    correlationId: 'bench', triggeredAt: new Date(),
  });
  return buildBackupManifest(input, {
    startedAt, plan: 'bench', odooVersion: 'bench', archived: output, downtimeMs: 0, completedAt: new Date().toISOString(),
  });
}

// The raw volume baselines use the engine's archive API directly (what `docker cp` does): `docker run
// … tar | sha256sum` measured 7 s for 120 MB here, the CLI's attach relay being the bottleneck, which
// would flatter our numbers. Same transport as ours, so the ratio is our overhead (storage, hashing).
async function rawVolumeArchive(docker: Docker, volume: string, labels: Record<string, string>): Promise<void> {
  await withRawHelper(docker, volume, labels, async (helper) => {
    const tar = (await helper.getArchive({ path: `${ODOO_DATA_DIR}/.` })) as unknown as NodeJS.ReadableStream;
    const sha = spawn('sha256sum', [], { stdio: ['pipe', 'ignore', 'inherit'] });
    const exited = new Promise<void>((resolve, reject) => sha.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`sha256sum exited ${code}`)))));
    await pipeline(tar, sha.stdin);
    await exited;
  });
}

async function rawVolumeExtract(docker: Docker, volume: string, tarFile: string, labels: Record<string, string>): Promise<void> {
  await withRawHelper(docker, volume, labels, (helper) => helper.putArchive(createReadStream(tarFile), { path: ODOO_DATA_DIR }).then(() => undefined));
}

async function withRawHelper(docker: Docker, volume: string, labels: Record<string, string>, work: (helper: Docker.Container) => Promise<void>): Promise<void> {
  const helper = await docker.createContainer({
    Image: image, Entrypoint: ['/bin/true'], Labels: labels, NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: ODOO_DATA_DIR }] },
  });
  try {
    await work(helper);
  } finally {
    await helper.remove({ force: true }).catch(() => undefined);
  }
}

/** Random (incompressible) files in a one-off container on the volume: a few large, many small. */
async function fillVolume(docker: Docker, volume: string, megabytes: number, labels: Record<string, string>): Promise<void> {
  const large = 4;
  const script = [
    `mkdir -p ${ODOO_DATA_DIR}/filestore/big ${ODOO_DATA_DIR}/filestore/small`,
    `for i in $(seq 1 ${large}); do dd if=/dev/urandom of=${ODOO_DATA_DIR}/filestore/big/f$i bs=1M count=${Math.ceil(megabytes / large)} 2>/dev/null || exit 1; done`,
    `for i in $(seq 1 500); do dd if=/dev/urandom of=${ODOO_DATA_DIR}/filestore/small/s$i bs=4k count=1 2>/dev/null || exit 1; done`,
  ].join(' && ');
  const container = await docker.createContainer({
    Image: image, Entrypoint: ['/bin/sh', '-c', script], Labels: labels, NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: ODOO_DATA_DIR }] },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) throw new Error(`filling the volume failed (${StatusCode})`);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** `bash -o pipefail -c script`: secrets only ever in `env`, never in argv. */
function shell(script: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${script.slice(0, 80)}… exited ${code}: ${stderr}`))));
  });
}

/** Leftovers of an interrupted `docker run` or helper of this bench (its own label only). */
async function removeBenchContainers(docker: Docker): Promise<void> {
  const filters = JSON.stringify({ label: [`${benchLabel}.pid=${process.pid}`] });
  for (const c of await docker.listContainers({ all: true, filters })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
}

function startRssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  return { stop: () => { clearInterval(timer); return mb(peak); } };
}

async function vmHwmMb(): Promise<number | string> {
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : 'n/a';
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await work();
  return Date.now() - started;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const fmt = (values: number[]) => values.join('/');
const report = (what: string) => (error: unknown) => console.error(`clean-up: ${what}: ${error instanceof Error ? error.message : String(error)}`);
