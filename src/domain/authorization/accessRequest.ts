import type { TenantPermission } from './tenantPermissions';

/** What a route or command asks to do, as the policy sees it. */
export type AccessRequest =
  /** Anyone, including anonymous callers (register, login, password reset). */
  | { kind: 'public' }
  /** Any signed-in person acting for themselves (their profile, sessions, creating a tenant). */
  | { kind: 'user' }
  /** Any caller who proved an identity, API keys included (the route then narrows to what it sees). */
  | { kind: 'signedIn' }
  /** Platform-wide administration. */
  | { kind: 'operator' }
  /** Only the identity service itself, after it verified a secret (never over an ingress). */
  | { kind: 'internal' }
  | { kind: 'tenant'; tenantId: string; permission: TenantPermission }
  /** Removing a member: yourself (leaving), or someone of a lower role than yours. */
  | { kind: 'removeMember'; tenantId: string; targetUserId: string };
