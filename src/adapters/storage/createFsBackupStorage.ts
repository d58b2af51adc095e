import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BackupStorage } from '../../ports/backupStorage';
import { checkStorageKey } from './checkStorageKey';
import { createHashingMeter } from '../../ports/hashingMeter';
import { StorageObjectNotFoundError } from '../../ports/backupStorageErrors';

/**
 * Backups under a local directory (the default). Writes go to a temp file beside the target and are
 * renamed into place after an fsync'd close: rename within one directory is atomic, so a crash leaves
 * at most a `*.tmp` file (ignored by list, removed by the next put of that key), never a torn object.
 * Backups hold whole databases: files are the platform user's alone (0600, directories 0700), not
 * readable by every local account as the default umask would leave them.
 */
export function createFsBackupStorage(root: string): BackupStorage {
  const fullPath = (key: string) => path.join(root, ...checkStorageKey(key).split('/'));
  return {
    kind: 'fs',
    async put(key, body) {
      const target = fullPath(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await removeStaleTemps(target);
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const meter = createHashingMeter();
      try {
        await pipeline(body, meter, createWriteStream(temp, { flush: true, mode: 0o600 }));
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { key, ...meter.result() };
    },
    async get(key) {
      const file = fullPath(key);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new StorageObjectNotFoundError(key);
      return createReadStream(file) as Readable;
    },
    async stat(key) {
      const info = await stat(fullPath(key)).catch(() => null);
      return info?.isFile() ? { size: info.size } : null;
    },
    async delete(key) {
      await rm(fullPath(key), { force: true });
      await removeStaleTemps(fullPath(key));
    },
    async list(prefix) {
      checkStorageKey(prefix, { prefix: true });
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
        .filter((key) => key.startsWith(prefix))
        .sort();
    },
    async close() {},
  };
}

/** Temp files of earlier writes of this key that never finished (a killed process): one key is
 * written by one saga step at a time, so any temp beside it is a leftover. */
async function removeStaleTemps(target: string): Promise<void> {
  const prefix = `${path.basename(target)}.`;
  const names = await readdir(path.dirname(target)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp') && /^[0-9a-f]{12}$/.test(name.slice(prefix.length, -'.tmp'.length))) {
      await rm(path.join(path.dirname(target), name), { force: true });
    }
  }
}
