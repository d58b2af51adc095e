import type { BackupStorage } from './backupStorage';
import type { S3Credentials } from './backupTargetCredentials';
import { createS3BackupStorage } from './createS3BackupStorage';

export interface TenantTargetLocation {
  endpoint: string | null;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
}

/** The s3 storage adapter on a tenant's own bucket with the tenant's credentials. S3-compatible
 * endpoints get WHEN_REQUIRED checksums (ARCHITECTURE.md §9); memory per upload ≈ 8 MiB × 2. */
export function openTenantTargetStorage(location: TenantTargetLocation, credentials: S3Credentials, options: { quick?: boolean } = {}): BackupStorage {
  return createS3BackupStorage({
    bucket: location.bucket,
    prefix: location.prefix,
    region: location.region,
    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    forcePathStyle: location.forcePathStyle,
    credentials,
    checksumMode: location.endpoint ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED',
    partSizeBytes: 8 * 1024 * 1024,
    queueSize: 2,
    connectionTimeoutMs: 10_000,
    ...(options.quick ? { maxAttempts: 1 } : {}),
  });
}
