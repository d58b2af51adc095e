import type { AccessRequest } from '../../../src/domain/authorization/accessRequest';
import { canGrantScopes } from '../../../src/domain/authorization/canGrantScopes';
import { decideAccess } from '../../../src/domain/authorization/decideAccess';
import type { Principal } from '../../../src/domain/authorization/principal';
import type { TenantAccessFacts } from '../../../src/domain/authorization/tenantAccessFacts';

const tenantA: TenantAccessFacts = {
  tenantId: 'tenant-a', status: 'active',
  members: { owner: 'owner', admin: 'admin', member: 'member' },
  apiKeys: { k1: { revoked: false }, k2: { revoked: true } },
};
const user = (userId: string, operator = false): Principal => ({ kind: 'user', userId, operator, sessionId: 's' });
const key = (keyId: string, tenantId: string, scopes: string[]): Principal => ({ kind: 'apiKey', keyId, tenantId, scopes });
const tenant = (permission: Extract<AccessRequest, { kind: 'tenant' }>['permission']): AccessRequest => ({ kind: 'tenant', tenantId: 'tenant-a', permission });
const status = (principal: Principal, request: AccessRequest, facts: TenantAccessFacts | null = tenantA) => {
  const decision = decideAccess(principal, request, facts);
  return decision.allowed ? 200 : decision.status;
};

describe('decideAccess', () => {
  it('lets anyone through public actions and nobody through internal ones', () => {
    expect(status({ kind: 'anonymous' }, { kind: 'public' })).toBe(200);
    expect(status(user('x', true), { kind: 'internal' })).toBe(403);
    expect(status({ kind: 'system', component: 'amqp' }, { kind: 'internal' })).toBe(403);
  });

  it('asks anonymous callers to sign in', () => {
    expect(status({ kind: 'anonymous' }, { kind: 'user' })).toBe(401);
    expect(status({ kind: 'anonymous' }, tenant('tenant:read'))).toBe(401);
  });

  it('answers 404 to outsiders of a tenant, as if it did not exist', () => {
    expect(status(user('stranger'), tenant('tenant:read'))).toBe(404);
    expect(status(user('stranger'), tenant('tenant:read'), null)).toBe(404);
    expect(status(key('k9', 'tenant-b', ['tenant:read']), tenant('tenant:read'))).toBe(404);
  });

  it('grants by role', () => {
    expect(status(user('member'), tenant('tenant:read'))).toBe(200);
    expect(status(user('member'), tenant('members:manage'))).toBe(403);
    expect(status(user('admin'), tenant('members:manage'))).toBe(200);
    expect(status(user('admin'), tenant('tenant:delete'))).toBe(403);
    expect(status(user('admin'), tenant('ownership:transfer'))).toBe(403);
    expect(status(user('owner'), tenant('ownership:transfer'))).toBe(200);
  });

  it('lets operators and system identities do everything', () => {
    expect(status(user('op', true), tenant('tenant:delete'))).toBe(200);
    expect(status(user('op', true), { kind: 'operator' })).toBe(200);
    expect(status({ kind: 'system', component: 'billing' }, tenant('tenant:delete'), null)).toBe(200);
    expect(status(user('owner'), { kind: 'operator' })).toBe(403);
  });

  it('limits API keys to their scopes, their tenant, and while not revoked', () => {
    expect(status(key('k1', 'tenant-a', ['tenant:read']), tenant('tenant:read'))).toBe(200);
    expect(status(key('k1', 'tenant-a', ['tenant:read']), tenant('instances:manage'))).toBe(403);
    expect(status(key('k2', 'tenant-a', ['tenant:read']), tenant('tenant:read'))).toBe(403);
    expect(status(key('k1', 'tenant-a', ['tenant:read']), { kind: 'user' })).toBe(403);
  });

  it('lets members leave and removes only lower roles', () => {
    const remove = (targetUserId: string): AccessRequest => ({ kind: 'removeMember', tenantId: 'tenant-a', targetUserId });
    expect(status(user('member'), remove('member'))).toBe(200);
    expect(status(user('member'), remove('admin'))).toBe(403);
    expect(status(user('admin'), remove('member'))).toBe(200);
    expect(status(user('admin'), remove('owner'))).toBe(403);
    expect(status(user('owner'), remove('admin'))).toBe(200);
    expect(status(user('stranger'), remove('member'))).toBe(404);
    expect(status(key('k1', 'tenant-a', ['members:read']), remove('member'))).toBe(403);
  });

  it('never lets an API key carry more than its creator or the key scopes allow', () => {
    expect(canGrantScopes('admin', ['instances:manage'])).toEqual({ ok: true });
    expect(canGrantScopes('member', ['instances:manage'])).toMatchObject({ ok: false });
    expect(canGrantScopes('owner', ['members:manage'])).toMatchObject({ ok: false });
    expect(canGrantScopes('operator', ['backups:manage'])).toEqual({ ok: true });
  });

  it('refuses every decision about a deleted tenant to its members and keys; outsiders still get 404 (docs/decisions/044)', () => {
    const deleted: TenantAccessFacts = { ...tenantA, status: 'deleted' };
    expect(status(user('owner'), tenant('tenant:read'), deleted)).toBe(403);
    expect(status(user('admin'), tenant('instances:read'), deleted)).toBe(403);
    expect(status(user('stranger'), tenant('tenant:read'), deleted)).toBe(404);
    expect(status(key('k1', 'tenant-a', ['tenant:read']), tenant('tenant:read'), deleted)).toBe(403);
    expect(status(key('k1', 'tenant-a', ['tenant:read']), { kind: 'signedIn' }, deleted)).toBe(403);
    expect(status(key('k2', 'tenant-a', ['tenant:read']), { kind: 'signedIn' })).toBe(403);
    expect(status(user('op', true), tenant('tenant:read'), deleted)).toBe(200);
  });

  it('lets a person provision or mint keys only with a verified email; keys and operators are exempt (docs/decisions/043)', () => {
    const asked = (principal: Principal, permission: Parameters<typeof tenant>[0], emailVerified: boolean | null) => {
      const decision = decideAccess(principal, tenant(permission), tenantA, emailVerified === null ? null : { emailVerified });
      return decision.allowed ? 200 : `${decision.status}${decision.code ? ` ${decision.code}` : ''}`;
    };
    expect(asked(user('admin'), 'instances:manage', false)).toBe('403 email-not-verified');
    expect(asked(user('admin'), 'apikeys:manage', null)).toBe('403 email-not-verified');
    expect(asked(user('admin'), 'instances:manage', true)).toBe(200);
    expect(asked(user('admin'), 'instances:read', false)).toBe(200);
    expect(asked(user('member'), 'instances:manage', false)).toBe('403');
    expect(asked(key('k1', 'tenant-a', ['instances:manage']), 'instances:manage', null)).toBe(200);
    expect(asked(user('op', true), 'instances:manage', null)).toBe(200);
  });
});
