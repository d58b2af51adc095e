import { z } from 'zod';

const tenantName = z.string().trim().min(2, 'must be at least 2 characters').max(100, 'must be at most 100 characters');

export const createTenantSchema = z.strictObject({
  tenantId: z.uuid().optional(),
  name: tenantName,
});

export const renameTenantSchema = z.strictObject({
  tenantId: z.uuid(),
  name: tenantName,
});

export const deleteTenantSchema = z.strictObject({
  tenantId: z.uuid(),
  reason: z.string().trim().min(1, 'a reason is required').max(500),
});
