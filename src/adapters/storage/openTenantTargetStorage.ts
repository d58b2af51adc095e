import { isIP } from 'node:net';
import type { BackupStorage } from '../../ports/backupStorage';
import type { S3Credentials } from '../../ports/tenantBackupTarget';
import { createS3BackupStorage } from './createS3BackupStorage';
import { isInternalAddress } from './isInternalAddress';
import { InternalAddressError, publicOnlyLookup, type ResolveAll } from './publicOnlyLookup';
import type { TenantTargetLocation } from '../../ports/tenantBackupTarget';

export interface TenantTargetOptions {
  /** One SDK attempt (checking a target when it is set). */
  quick?: boolean;
  /** Development and tests only (BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS): a MinIO or s3rver beside the platform. */
  allowPrivateEndpoints?: boolean;
  /** DNS for the connections' check (tests stand in for a resolver whose answers change). */
  resolveAll?: ResolveAll;
}

/** The s3 storage adapter on a tenant's own bucket with the tenant's credentials. S3-compatible
 * endpoints get WHEN_REQUIRED checksums (docs/architecture.md, Backups); memory per upload ≈ 8 MiB × 2. Unless
 * private endpoints are allowed, every connection it opens goes to public addresses only, whatever
 * host name the SDK derives and whatever DNS answers by then (docs/decisions/028). */
export function openTenantTargetStorage(location: TenantTargetLocation, credentials: S3Credentials, options: TenantTargetOptions = {}): BackupStorage {
  const guarded = !options.allowPrivateEndpoints;
  if (guarded && location.endpoint) {
    // No lookup happens for an IP literal, so it is checked here.
    const host = new URL(location.endpoint).hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && isInternalAddress(host, isIP(host))) throw new InternalAddressError(host);
  }
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
    ...(guarded ? { lookup: publicOnlyLookup(options.resolveAll) } : {}),
  });
}
