import type { AccessRequest } from './accessRequest';
import type { CallerFacts } from './callerFacts';
import { permissionsNeedingVerifiedEmail } from './permissionsNeedingVerifiedEmail';
import type { Principal } from './principal';
import type { TenantAccessFacts } from './tenantAccessFacts';
import { roleRank, rolePermissions, type TenantPermission } from './tenantPermissions';

export type AccessDecision =
  | { allowed: true }
  /** 401: nobody is signed in. 403: known to the caller but not allowed. 404: a tenant the caller
   * has no part in, answered as if it did not exist so ids cannot be probed. */
  | { allowed: false; status: 401 | 403 | 404; reason: string; code?: 'email-not-verified' };

const allow: AccessDecision = { allowed: true };

/** THE policy: every route and every command is decided here. Pure: the caller loads the tenant's
 * facts (null when the tenant does not exist) and, for a person asking something that needs a
 * verified email, the caller's facts (none = not verified), and acts on the decision. */
export function decideAccess(principal: Principal, request: AccessRequest, tenant: TenantAccessFacts | null, caller: CallerFacts | null = null): AccessDecision {
  if (request.kind === 'public') return allow;
  if (request.kind === 'internal') return deny(403, 'this action is only available through its own endpoint');
  if (principal.kind === 'anonymous') return deny(401, 'sign in first (Authorization: Bearer <token>)');
  // Operators and configured system identities run the platform: everything but internal actions.
  if ((principal.kind === 'user' && principal.operator) || principal.kind === 'system') return allow;

  // A key's own tenant must still stand behind it, whatever it asks (its tenant's facts are loaded
  // for requests that name no tenant): a revoked key or a deleted tenant's key does nothing.
  if (principal.kind === 'apiKey' && !('tenantId' in request)) {
    const own = ownTenantProblem(principal, tenant);
    if (own) return own;
  }
  switch (request.kind) {
    case 'signedIn':
      return allow;
    case 'operator':
      return deny(403, 'only platform operators may do this');
    case 'user':
      return principal.kind === 'user' ? allow : deny(403, 'API keys and service accounts act on their tenant only');
    case 'tenant':
      return decideTenantPermission(principal, request.permission, tenant, caller);
    case 'removeMember': {
      const member = decideTenantPermission(principal, 'members:read', tenant, caller);
      if (!member.allowed) return member;
      if (principal.kind !== 'user' || !tenant) return deny(403, 'only people can manage members');
      if (principal.userId === request.targetUserId) return allow;
      const own = tenant.members[principal.userId]!;
      if (!rolePermissions[own].includes('members:manage')) return deny(403, `the ${own} role may not remove members`);
      // An unknown target is the decider's 404; you can only remove someone of a lower role.
      const target = tenant.members[request.targetUserId];
      if (target && roleRank[target] >= roleRank[own]) return deny(403, `an ${own} cannot remove an ${target}`);
      return allow;
    }
    default: {
      const unknown: never = request;
      return unknown;
    }
  }
}

function ownTenantProblem(principal: Extract<Principal, { kind: 'apiKey' }>, tenant: TenantAccessFacts | null): AccessDecision | null {
  if (!tenant || tenant.tenantId !== principal.tenantId || tenant.status === 'deleted') return deny(403, 'this API key\'s tenant was deleted');
  if (tenant.apiKeys[principal.keyId]?.revoked !== false) return deny(403, 'this API key was revoked');
  return null;
}

function decideTenantPermission(
  principal: Exclude<Principal, { kind: 'anonymous' }>, permission: TenantPermission, tenant: TenantAccessFacts | null, caller: CallerFacts | null,
): AccessDecision {
  if (!tenant) return deny(404, 'no such tenant');
  if (principal.kind === 'apiKey') {
    if (principal.tenantId !== tenant.tenantId) return deny(404, 'no such tenant');
    const own = ownTenantProblem(principal, tenant);
    if (own) return own;
    return principal.scopes.includes(permission) ? allow : deny(403, `this API key lacks the scope ${permission}`);
  }
  if (principal.kind === 'serviceAccount') {
    if (principal.tenantId !== tenant.tenantId) return deny(404, 'no such tenant');
    if (tenant.status === 'deleted') return deny(403, 'this tenant was deleted');
    return principal.scopes.includes(permission) ? allow : deny(403, `this service account lacks the scope ${permission}`);
  }
  if (principal.kind !== 'user') return allow;
  const role = tenant.members[principal.userId];
  if (!role) return deny(404, 'no such tenant');
  // Its members learn that it was deleted (and may list it with includeDeleted), but may do nothing in it.
  if (tenant.status === 'deleted') return deny(403, 'this tenant was deleted');
  if (!rolePermissions[role].includes(permission)) return deny(403, `the ${role} role may not ${permission}`);
  if (permissionsNeedingVerifiedEmail.includes(permission) && caller?.emailVerified !== true) {
    const reason = `verify your email address first (the link is in your welcome mail; POST /api/v1/auth/resend-verification sends a new one) to use ${permission}`;
    return { allowed: false, status: 403, reason, code: 'email-not-verified' };
  }
  return allow;
}

function deny(status: 401 | 403 | 404, reason: string): AccessDecision {
  return { allowed: false, status, reason };
}
