import { z } from 'zod';
import { isValidTimeZone, retentionLimits } from '../domain/backupPolicy/backupPolicyRules';

const count = (key: keyof typeof retentionLimits) =>
  z.number().int().min(retentionLimits[key].min).max(retentionLimits[key].max);

/** A tenant's choice for one instance; the HTTP body is this without the ids. */
export const backupPolicySettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  hour: z.number().int().min(0, 'must be from 0 to 23').max(23, 'must be from 0 to 23'),
  timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone name such as Africa/Harare'),
  /** null or absent = the plan's defaults. */
  retention: z.strictObject({ daily: count('daily'), weekly: count('weekly'), monthly: count('monthly') }).nullable().default(null),
});

export const setBackupPolicySchema = backupPolicySettingsSchema.extend({ instanceId: z.uuid(), tenantId: z.uuid() });
