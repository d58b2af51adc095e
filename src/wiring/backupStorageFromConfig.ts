import type { Config } from '../config';
import type { BackupStorage } from '../ports/backupStorage';
import { createFsBackupStorage } from '../adapters/storage/createFsBackupStorage';
import { createS3BackupStorage } from '../adapters/storage/createS3BackupStorage';

export function backupStorageFromConfig(config: Config): BackupStorage {
  if (config.BACKUP_STORAGE === 'fs') return createFsBackupStorage(config.BACKUP_FS_ROOT);
  return createS3BackupStorage({
    bucket: config.BACKUP_S3_BUCKET,
    prefix: config.BACKUP_S3_PREFIX,
    region: config.BACKUP_S3_REGION,
    ...(config.BACKUP_S3_ENDPOINT ? { endpoint: config.BACKUP_S3_ENDPOINT } : {}),
    // Path-style addressing is what S3-compatible servers (MinIO) expect; AWS accepts it too.
    forcePathStyle: config.BACKUP_S3_ENDPOINT !== '',
    ...(config.BACKUP_S3_ACCESS_KEY_ID && config.BACKUP_S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: config.BACKUP_S3_ACCESS_KEY_ID, secretAccessKey: config.BACKUP_S3_SECRET_ACCESS_KEY } }
      : {}),
    checksumMode: config.BACKUP_S3_ENDPOINT ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    partSizeBytes: config.BACKUP_S3_PART_SIZE_MB * 1024 * 1024,
    queueSize: 2,
  });
}
