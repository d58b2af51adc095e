import type { TenantRole } from '../tenant/tenantRole';
import { apiKeyScopes, rolePermissions, type TenantPermission } from './tenantPermissions';

/** An API key never carries more than its creator holds, nor anything outside the key scopes. */
export function canGrantScopes(creatorRole: TenantRole | 'operator', scopes: readonly string[]): { ok: true } | { ok: false; reason: string } {
  for (const scope of scopes) {
    if (!(apiKeyScopes as readonly string[]).includes(scope)) return { ok: false, reason: `${scope} is not an API key scope` };
    if (creatorRole !== 'operator' && !rolePermissions[creatorRole].includes(scope as TenantPermission)) {
      return { ok: false, reason: `a ${creatorRole} cannot grant ${scope}` };
    }
  }
  return { ok: true };
}
