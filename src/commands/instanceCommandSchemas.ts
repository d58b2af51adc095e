import { z } from 'zod';
import { instancePlanNames } from '../domain/instance/instancePlans';
import { supportedOdooVersions } from '../domain/instance/odooVersions';
import { subdomainProblem } from '../domain/instance/subdomainRules';
import { emailSchema } from './userCommandSchemas';

const instanceId = z.uuid();
export const instanceNameSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
export const subdomainSchema = z.string().superRefine((value, ctx) => {
  const problem = subdomainProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const planSchema = z.enum(instancePlanNames);

export const provisionInstanceSchema = z.strictObject({
  instanceId: instanceId.optional(),
  tenantId: z.uuid(),
  name: instanceNameSchema,
  subdomain: subdomainSchema,
  plan: planSchema,
  odooVersion: z.enum(supportedOdooVersions, { message: `must be a supported Odoo version: ${supportedOdooVersions.join(', ')}` }).default('17.0'),
  adminEmail: emailSchema,
  demoData: z.boolean().default(false),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be an Odoo language code such as en_US').default('en_US'),
});
/** What a caller may send: the id is the platform's to give (instanceCommandAccess). */
export const provisionInstanceRequestSchema = provisionInstanceSchema.omit({ instanceId: true });
export const instanceRefSchema = z.strictObject({ instanceId });
export const instanceBackupHoldSchema = z.strictObject({ instanceId, backupId: z.uuid() });
const bytes = z.number().int().min(0);
export const recordInstanceUsageSchema = z.strictObject({ instanceId, databaseBytes: bytes, volumeBytes: bytes, quotaBytes: bytes.min(1) });
export const resizeInstanceSchema = z.strictObject({ instanceId, plan: planSchema });
export const updateInstanceSchema = z.strictObject({
  instanceId, name: instanceNameSchema.optional(), description: z.string().max(1000).optional(),
});
/** Default grace: a week to change one's mind before the data is destroyed. */
export const deleteInstanceSchema = z.strictObject({
  instanceId,
  gracePeriodSeconds: z.number().int().min(0).max(90 * 24 * 3600).default(7 * 24 * 3600),
  reason: z.string().trim().min(1).max(500).default('deleted on request'),
});

const operation = z.enum(['start', 'stop', 'restart', 'resize', 'delete']);
const reason = z.string().max(2000);
export const recordInstanceProvisionedSchema = z.strictObject({
  instanceId, url: z.string().max(500), containerName: z.string().max(200), databaseName: z.string().max(63),
  /** Odoo's administrator login (never its password) and the version Odoo itself reports. */
  adminLogin: z.string().max(320).optional(), serverVersion: z.string().max(50).optional(),
});
export const recordInstanceProvisioningFailedSchema = z.strictObject({ instanceId, reason, failedStep: z.string().max(100) });
export const recordInstanceOperationCompletedSchema = z.strictObject({ instanceId, operation });
export const recordInstanceOperationFailedSchema = z.strictObject({ instanceId, operation, reason });
export const recordInstanceHealthSchema = z.strictObject({
  instanceId, health: z.enum(['healthy', 'unhealthy', 'crashed']), detail: z.string().max(500),
  exitCode: z.number().int().optional(), oomKilled: z.boolean().optional(),
});
