import { z } from 'zod';

const id = z.uuid();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Where copies go (the non-secret part); shared with the HTTP route's body. */
export const backupTargetLocationShape = {
  endpoint: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500).nullable(),
  region: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes'),
  bucket: z.string().min(3).max(63).regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'must be a valid S3 bucket name'),
  prefix: z.string().max(200).regex(/^([A-Za-z0-9][A-Za-z0-9._-]*\/)*$/, 'empty, or path segments each ending in /'),
  forcePathStyle: z.boolean(),
};

export const setTenantBackupTargetSchema = z.strictObject({
  tenantId: id,
  ...backupTargetLocationShape,
  credentialsRef: z.string().min(1).max(200),
  accessKeyIdHint: z.string().max(20),
});
export const removeTenantBackupTargetSchema = z.strictObject({ tenantId: id });

const copyRef = { tenantId: id, backupId: id, instanceId: id, endpoint: backupTargetLocationShape.endpoint, bucket: backupTargetLocationShape.bucket };
export const recordBackupCopiedOffsiteSchema = z.strictObject({
  ...copyRef,
  objects: z.array(z.strictObject({ key: z.string().max(800), size: z.number().int().min(0), sha256 })).max(10),
});
export const recordBackupOffsiteCopyFailedSchema = z.strictObject({ ...copyRef, reason: z.string().max(2000) });
