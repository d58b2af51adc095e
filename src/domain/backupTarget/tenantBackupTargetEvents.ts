/** Where a tenant's extra off-site copies go. Never a credential: the access key id and secret sit
 * encrypted in the secrets table under `credentialsRef` (docs/decisions/023). */
export interface TenantBackupTargetLocation {
  tenantId: string;
  /** S3-compatible endpoint (MinIO, Wasabi, …); null = AWS S3. */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket ('' or ending in `/`). */
  prefix: string;
  forcePathStyle: boolean;
}

/** One copied object as it lies in the tenant's bucket (key includes the prefix). */
export interface OffsiteObject {
  key: string;
  size: number;
  sha256: string;
}

type CopyRef = { tenantId: string; backupId: string; instanceId: string; endpoint: string | null; bucket: string };

// Stream `backupTarget-<tenantId>`: the target and every copy made to it, so one stream shows where
// a tenant's data went and when.
export type TenantBackupTargetSet = {
  type: 'TenantBackupTargetSet';
  data: TenantBackupTargetLocation & { credentialsRef: string; accessKeyIdHint: string; setBy: string };
};
export type TenantBackupTargetRemoved = { type: 'TenantBackupTargetRemoved'; data: { tenantId: string; credentialsRef: string; removedBy: string } };
export type BackupCopiedOffsite = { type: 'BackupCopiedOffsite'; data: CopyRef & { objects: OffsiteObject[] } };
export type BackupOffsiteCopyFailed = { type: 'BackupOffsiteCopyFailed'; data: CopyRef & { reason: string } };

export type TenantBackupTargetEvent = TenantBackupTargetSet | TenantBackupTargetRemoved | BackupCopiedOffsite | BackupOffsiteCopyFailed;

export const tenantBackupTargetEventTypes = [
  'TenantBackupTargetSet', 'TenantBackupTargetRemoved', 'BackupCopiedOffsite', 'BackupOffsiteCopyFailed',
] as const satisfies readonly TenantBackupTargetEvent['type'][];
