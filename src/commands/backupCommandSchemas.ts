import { z } from 'zod';
import { backupModes, backupTriggers } from '../domain/backup/backupManifest';

const id = z.uuid();
const reason = z.string().max(2000);
const archive = { key: z.string().max(500), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/), durationMs: z.number().min(0) };

export const backupInstanceSchema = z.strictObject({
  backupId: id.optional(),
  instanceId: id,
  tenantId: id,
  mode: z.enum(backupModes).default('consistent'),
  trigger: z.enum(backupTriggers).default('manual'),
  slot: z.iso.datetime().nullable().default(null),
});

export const backupManifestSchema = z.strictObject({
  formatVersion: z.literal(1),
  backupId: id, instanceId: id, tenantId: id,
  odooVersion: z.string().max(20), plan: z.string().max(50),
  mode: z.enum(backupModes), trigger: z.enum(backupTriggers),
  startedAt: z.string().max(40), completedAt: z.string().max(40),
  database: z.strictObject({ ...archive, name: z.string().max(63), format: z.literal('pg_dump-custom'), tableCount: z.number().int().min(0) }),
  volume: z.strictObject({ ...archive, name: z.string().max(200), format: z.literal('tar') }),
  downtimeMs: z.number().min(0),
  tools: z.strictObject({ pgDump: z.string().max(200), node: z.string().max(50) }),
});

export const recordBackupCompletedSchema = z.strictObject({ backupId: id, manifest: backupManifestSchema });
export const recordBackupFailedSchema = z.strictObject({ backupId: id, reason, failedStep: z.string().max(100) });
export const recordBackupVerificationSchema = z.strictObject({ backupId: id, verificationId: z.string().min(1).max(200), ok: z.boolean(), detail: reason });
export const recordBackupPrunedSchema = z.strictObject({ backupId: id, policy: z.string().max(200) });

export const restoreBackupSchema = z.strictObject({ restoreId: id.optional(), backupId: id, instanceId: id, tenantId: id });
export const recordRestoreCompletedSchema = z.strictObject({ restoreId: id, preRestoreBackupId: id, durationMs: z.number().min(0) });
export const recordRestoreFailedSchema = z.strictObject({ restoreId: id, reason, failedStep: z.string().max(100) });
