import type { BackupStorage } from './backupStorage';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The credentials of tenants' off-site targets, encrypted in the platform's secrets table
 * (AES-256-GCM, SECRETS_KEY, the reference bound as additional data). Events name them by reference
 * only. Each PUT stores under a new reference, so a target being replaced never changes under a
 * running copy; the references a target no longer uses are deleted. */
export interface BackupTargetCredentials {
  /** A reference per setting command (deterministic, so a retried PUT reuses its row). */
  referenceFor(tenantId: string, commandId: string): string;
  store(reference: string, credentials: S3Credentials): Promise<void>;
  read(reference: string): Promise<S3Credentials | null>;
  /** Runs `work` while holding the tenant's target lock: concurrent changes of one tenant's target
   * must not prune each other's fresh credentials. */
  withTenantLock<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  /** Deletes every stored credential of the tenant except `keep`. */
  pruneExcept(tenantId: string, keep: string | null): Promise<void>;
}

export interface TenantTargetLocation {
  endpoint: string | null;
  region: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
}

/** A tenant's own bucket as the platform reaches it (src/adapters/storage): the endpoint is the
 * tenant's choice, so it is checked at every use and errors are told to the tenant in bounded,
 * credential-free words (docs/decisions/023, 028). */
export interface TenantTargetAccess {
  /** Why the endpoint is refused (not https, a private or reserved address), or null. */
  checkEndpoint(endpoint: string | null): Promise<string | null>;
  open(location: TenantTargetLocation, credentials: S3Credentials): BackupStorage;
  /** A tiny object put, looked at and deleted under the prefix; throws whatever the target said. */
  verify(location: TenantTargetLocation, credentials: S3Credentials): Promise<void>;
  /** What the tenant is told of a failure. */
  describeError(error: unknown, credentials?: S3Credentials | null): string;
}
