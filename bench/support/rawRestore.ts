import { createReadStream } from 'node:fs';
import type Docker from 'dockerode';
import type pg from 'pg';
import { shell } from './shell';

export interface RawInstance {
  /** Database and LOGIN role (same name). */
  database: string;
  rolePassword: string;
  container: string;
  /** The volume its container mounts at /var/lib/odoo (changes with every raw restore). */
  volume: string;
}

export interface RawRestoreFiles {
  dump: string;
  dumpSha256: string;
  tar: string;
  tarSha256: string;
  /** Directory for the pre-restore backup's files. */
  preRestoreDir: string;
}

/**
 * What a careful operator scripts with the plain tools (psql/SQL, pg_dump, pg_restore, sha256sum, the
 * Docker engine API), in the order our restore saga does it: check both archives' checksums; stop the
 * instance and take a backup of what it has (dump & tar & wait, synced); restore into a NEW database
 * (as the instance's role) and a NEW volume; swap the database names; recreate the container, with
 * its config, on the new volume; wait for /web/health; drop the old database and volume. Docker
 * volumes cannot be renamed, so the container moves to the new volume (ours copies contents back
 * under the instance's volume name instead): the least work that keeps the old copy until the end.
 */
export async function rawRestore(args: {
  docker: Docker; admin: pg.Pool; instance: RawInstance; files: RawRestoreFiles; newName: string; labels: Record<string, string>;
  adminEnv: (database: string) => NodeJS.ProcessEnv; helperImage: string;
}): Promise<void> {
  const { docker, admin, instance, files, newName, labels } = args;
  const env = { ...args.adminEnv(instance.database), ...files, OUT: files.preRestoreDir, CONTAINER: instance.container };
  await shell('echo "$dumpSha256  $dump" | sha256sum --check --quiet && echo "$tarSha256  $tar" | sha256sum --check --quiet', env);

  const old = docker.getContainer(instance.container);
  await old.stop({ t: 0 }).catch(ignoreNotModified);
  await shell(`
    ( pg_dump --format=custom --no-password | tee "$OUT/db.dump" | sha256sum >"$OUT/db.sha256" && sync "$OUT/db.dump" ) & dump=$!
    ( docker cp "$CONTAINER:/var/lib/odoo/." - | tee "$OUT/data.tar" | sha256sum >"$OUT/data.sha256" && sync "$OUT/data.tar" ) & tar=$!
    wait $dump && wait $tar`, env);

  const newDatabase = `${instance.database}_${newName}`;
  const oldDatabase = `${instance.database}_old`;
  await admin.query(`CREATE DATABASE "${newDatabase}" OWNER "${instance.database}" TEMPLATE template0`);
  await admin.query(`REVOKE ALL ON DATABASE "${newDatabase}" FROM PUBLIC`);
  // The tenant's own session (its default search_path), as pg_restore of its dump needs.
  const { PGOPTIONS: _adminSearchPath, ...adminEnv }: NodeJS.ProcessEnv = args.adminEnv(newDatabase);
  const roleEnv = { ...adminEnv, PGUSER: instance.database, PGPASSWORD: instance.rolePassword };
  await shell('pg_restore --exit-on-error --no-password --no-owner --no-privileges --dbname="$PGDATABASE" "$DUMP"', { ...roleEnv, DUMP: files.dump });

  const newVolume = `${instance.volume.replace(/-raw\d+$/, '')}-${newName}`;
  await docker.createVolume({ Name: newVolume, Labels: labels });
  const helper = await docker.createContainer({
    Image: args.helperImage, Entrypoint: ['/bin/true'], Labels: labels, NetworkDisabled: true,
    HostConfig: { Mounts: [{ Type: 'volume', Source: newVolume, Target: '/var/lib/odoo' }] },
  });
  try {
    await helper.putArchive(createReadStream(files.tar), { path: '/var/lib/odoo' });
  } finally {
    await helper.remove({ force: true });
  }

  const spec = await old.inspect();
  const config = await old.getArchive({ path: '/etc/odoo' });
  const configTar = await collect(config as unknown as NodeJS.ReadableStream);
  await old.remove({ force: true });
  // The tenant's own sessions only (an autovacuum worker belongs to a superuser and ends by itself).
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = $1', [instance.database]);
  await renameWhenFree(admin, instance.database, oldDatabase);
  await admin.query(`ALTER DATABASE "${newDatabase}" RENAME TO "${instance.database}"`);

  const hostConfig = spec.HostConfig as Docker.HostConfig;
  // The tenant's network, as the old container was on.
  const network = Object.keys(spec.NetworkSettings.Networks)[0]!;
  const created = await docker.createContainer({
    name: instance.container, Image: spec.Config.Image, Env: spec.Config.Env, Cmd: spec.Config.Cmd, Entrypoint: spec.Config.Entrypoint,
    User: spec.Config.User, Labels: spec.Config.Labels, ExposedPorts: spec.Config.ExposedPorts, Healthcheck: spec.Config.Healthcheck,
    WorkingDir: spec.Config.WorkingDir,
    HostConfig: { ...hostConfig, Mounts: (hostConfig.Mounts ?? []).map((m) => (m.Source === instance.volume ? { ...m, Source: newVolume } : m)) },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: spec.NetworkSettings.Networks[network]?.Aliases ?? [] } } },
  });
  await created.putArchive(configTar, { path: '/etc' });
  await created.start();
  const address = (await created.inspect()).NetworkSettings.Networks[network]!.IPAddress;
  for (const deadline = Date.now() + 60_000; ;) {
    if (await fetch(`http://${address}:8069/web/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error('raw restore: the recreated instance is not healthy in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  await admin.query(`DROP DATABASE "${oldDatabase}"`);
  await docker.getVolume(instance.volume).remove();
  await shell('rm -f "$OUT"/db.dump "$OUT"/data.tar "$OUT"/*.sha256', env);
  instance.volume = newVolume;
}

/** ALTER DATABASE … RENAME, retried while another session (autovacuum after a big restore) is in it. */
async function renameWhenFree(admin: pg.Pool, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`ALTER DATABASE "${from}" RENAME TO "${to}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function ignoreNotModified(error: { statusCode?: number }): void {
  if (error.statusCode !== 304) throw error;
}
