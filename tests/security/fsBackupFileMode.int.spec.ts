import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createFsBackupStorage } from '../../src/adapters/storage/createFsBackupStorage';

/** Issue 13 (low): a dump of a tenant's database on the fs storage was world-readable (0644 under the
 * usual umask): any local account of the host could read every tenant's data. */
let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'fs-mode-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

test('backup files are 0600 and the directories holding them 0700', async () => {
  const storage = createFsBackupStorage(path.join(root, 'backups'));
  await storage.put('instances/i-1/b-1/database.dump', Readable.from([Buffer.from('tenant data')]));
  const mode = async (...parts: string[]) => (await stat(path.join(root, 'backups', ...parts))).mode & 0o777;
  expect(await mode('instances', 'i-1', 'b-1', 'database.dump')).toBe(0o600);
  expect(await mode('instances', 'i-1', 'b-1')).toBe(0o700);
  expect(await mode()).toBe(0o700);
});
