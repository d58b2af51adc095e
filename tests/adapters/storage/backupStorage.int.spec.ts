import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFsBackupStorage } from '../../../src/adapters/storage/createFsBackupStorage';
import { createS3BackupStorage } from '../../../src/adapters/storage/createS3BackupStorage';
import { backupStorageContract } from './backupStorageContract';
import { startS3rver } from './startS3rver';

backupStorageContract('fs', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'backups-fs-'));
  return { storage: createFsBackupStorage(root), close: () => rm(root, { recursive: true, force: true }) };
});

backupStorageContract('s3 (s3rver, multipart)', async () => {
  const server = await startS3rver();
  const storage = createS3BackupStorage({ ...server.settings, prefix: 'contract/' });
  return {
    storage,
    async close() {
      await storage.close();
      await server.close();
    },
  };
});
