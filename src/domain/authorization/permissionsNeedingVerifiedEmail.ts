import type { TenantPermission } from './tenantPermissions';

/** What a person may do only after proving their email address (decision 022's gate,
 * docs/decisions/043): provisioning and changing instances, and minting API keys, which could do
 * the same. API keys and machine identities are exempt: a verified person or an operator made them. */
export const permissionsNeedingVerifiedEmail: readonly TenantPermission[] = ['instances:manage', 'apikeys:manage'];
