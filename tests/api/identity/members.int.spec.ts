import { createCliContext, operatorGrantDeps } from '../../../src/wiring/createCliContext';
import { usersGrantOperator } from '../../../src/api/cli/usersGrantOperator';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { eventually, identityKit, type IdentityKit } from './identityKit';

// Tenants and their members, invitations, ownership and API keys; "my tenants"; operators.
let platform: TestPlatform;
let kit: IdentityKit;
let owner: SignedUpUser;
let alice: SignedUpUser;
let tenantId: string;
const secretsUsed: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('all');
  kit = identityKit(platform);
  owner = await signUp(platform.url);
  alice = await signUp(platform.url);
  secretsUsed.push(owner.password, owner.token, alice.password, alice.token);
  const created = await kit.call('POST', '/api/v1/tenants', { name: 'Chitungwiza Cement' }, owner.auth);
  expect(created.status).toBe(201);
  tenantId = created.body.tenantId;
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

async function invite(email: string, role: 'admin' | 'member', by = owner) {
  const invited = await kit.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email, role }, by.auth);
  expect(invited.status).toBe(201);
  expect(JSON.stringify(invited.body)).not.toMatch(/inv_/);
  const token = (await kit.vault.take(invited.body.invitationId))!;
  secretsUsed.push(token);
  return { ...invited.body, token } as { invitationId: string; token: string; position: string };
}

describe('members', () => {
  it('makes the creator the owner and lists only the caller\'s tenants', async () => {
    const members = await eventually(async () => {
      const reply = await kit.call('GET', `/api/v1/tenants/${tenantId}/members`, undefined, owner.auth);
      expect(reply.body.items).toHaveLength(1);
      return reply.body.items;
    });
    expect(members[0]).toMatchObject({ userId: owner.userId, role: 'owner', email: owner.email });

    const other = await signUp(platform.url);
    const otherTenant = await kit.call('POST', '/api/v1/tenants', { name: 'Other Outfit' }, other.auth);
    const mine = await kit.call('GET', `/api/v1/tenants?minPosition=${otherTenant.body.position}`, undefined, owner.auth);
    expect(mine.body.items.map((t: { tenantId: string }) => t.tenantId)).toEqual([tenantId]);
  });

  it('invites by email, lets only that account accept, once', async () => {
    const { token, invitationId } = await invite(alice.email.toUpperCase(), 'admin');
    const mallory = await signUp(platform.url);
    const stolen = await kit.call('POST', '/api/v1/invitations/accept', { token }, mallory.auth);
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe('invitation-email-mismatch');

    const accepted = await kit.call('POST', '/api/v1/invitations/accept', { token }, alice.auth);
    expect(accepted.status).toBe(200);
    expect(accepted.body.tenantId).toBe(tenantId);
    expect((await kit.call('POST', '/api/v1/invitations/accept', { token }, alice.auth)).status).toBe(400);
    expect(await kit.vault.take(invitationId)).toBeNull();

    const members = await kit.call('GET', `/api/v1/tenants/${tenantId}/members?minPosition=${accepted.body.position}`, undefined, alice.auth);
    expect(members.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ userId: alice.userId, role: 'admin' })]));
    const aliceTenants = await kit.call('GET', `/api/v1/tenants?minPosition=${accepted.body.position}`, undefined, alice.auth);
    expect(aliceTenants.body.items.map((t: { tenantId: string }) => t.tenantId)).toEqual([tenantId]);
  });

  it('enforces roles: a member cannot invite or rename; an admin cannot delete or remove the owner', async () => {
    const bob = await signUp(platform.url);
    const { token } = await invite(bob.email, 'member', alice);
    expect((await kit.call('POST', '/api/v1/invitations/accept', { token }, bob.auth)).status).toBe(200);

    expect((await kit.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: 'x@example.test' }, bob.auth)).status).toBe(403);
    expect((await kit.call('PUT', `/api/v1/tenants/${tenantId}`, { name: 'Bob Was Here' }, bob.auth)).status).toBe(403);
    expect((await kit.call('GET', `/api/v1/tenants/${tenantId}/members`, undefined, bob.auth)).status).toBe(200);
    expect((await kit.call('DELETE', `/api/v1/tenants/${tenantId}`, { reason: 'no' }, alice.auth)).status).toBe(403);
    expect((await kit.call('DELETE', `/api/v1/tenants/${tenantId}/members/${owner.userId}`, undefined, alice.auth)).status).toBe(403);
    expect((await kit.call('POST', `/api/v1/tenants/${tenantId}/ownership`, { newOwnerId: alice.userId }, alice.auth)).status).toBe(403);

    // An admin removes a member; a member can leave on their own.
    expect((await kit.call('DELETE', `/api/v1/tenants/${tenantId}/members/${bob.userId}`, undefined, alice.auth)).status).toBe(200);
    expect((await kit.call('GET', `/api/v1/tenants/${tenantId}`, undefined, bob.auth)).status).toBe(404);
  });

  it('transfers ownership; the tenant always has an owner', async () => {
    expect((await kit.call('DELETE', `/api/v1/tenants/${tenantId}/members/${owner.userId}`, undefined, owner.auth)).status).toBe(409);
    const transferred = await kit.call('POST', `/api/v1/tenants/${tenantId}/ownership`, { newOwnerId: alice.userId }, owner.auth);
    expect(transferred.status).toBe(200);
    const members = await kit.call('GET', `/api/v1/tenants/${tenantId}/members?minPosition=${transferred.body.position}`, undefined, owner.auth);
    const roles = Object.fromEntries(members.body.items.map((m: { userId: string; role: string }) => [m.userId, m.role]));
    expect(roles).toEqual({ [owner.userId]: 'admin', [alice.userId]: 'owner' });
    // Back again, so later tests keep the original owner.
    expect((await kit.call('POST', `/api/v1/tenants/${tenantId}/ownership`, { newOwnerId: owner.userId }, alice.auth)).status).toBe(200);
  });
});

describe('API keys', () => {
  it('creates a scoped key shown once, uses it within its scope and tenant, revokes it', async () => {
    const created = await kit.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'ci', scopes: ['tenant:read'] }, owner.auth);
    expect(created.status).toBe(201);
    const key = created.body.token as string;
    secretsUsed.push(key);
    expect(key).toMatch(/^hok_/);
    const listed = await kit.call('GET', `/api/v1/tenants/${tenantId}/api-keys`, undefined, owner.auth);
    expect(listed.body.items).toEqual([expect.objectContaining({ keyId: created.body.keyId, scopes: ['tenant:read'], revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const asKey = { authorization: `Bearer ${key}` };
    await eventually(async () => expect((await kit.call('GET', `/api/v1/tenants/${tenantId}`, undefined, asKey)).status).toBe(200));
    expect((await kit.call('PUT', `/api/v1/tenants/${tenantId}`, { name: 'Key Rename' }, asKey)).status).toBe(403);
    expect((await kit.call('GET', '/auth/me', undefined, asKey)).status).toBe(403);
    const keyTenants = await kit.call('GET', '/api/v1/tenants', undefined, asKey);
    expect(keyTenants.body.items.map((t: { tenantId: string }) => t.tenantId)).toEqual([tenantId]);

    expect((await kit.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'too much', scopes: ['members:manage'] }, owner.auth)).status).toBe(400);
    expect((await kit.call('DELETE', `/api/v1/tenants/${tenantId}/api-keys/${created.body.keyId}`, undefined, owner.auth)).status).toBe(200);
    expect((await kit.call('GET', `/api/v1/tenants/${tenantId}`, undefined, asKey)).status).toBe(401);
  });
});

describe('operators', () => {
  it('are made by the CLI only, and see and manage every tenant', async () => {
    const operator = await signUp(platform.url);
    secretsUsed.push(operator.password, operator.token);
    expect((await kit.call('GET', `/api/v1/tenants/${tenantId}`, undefined, operator.auth)).status).toBe(404);

    const cli = await createCliContext(platform.config);
    const lines: string[] = [];
    try {
      expect(await usersGrantOperator(await operatorGrantDeps(cli), operator.email.toUpperCase(), (line) => lines.push(line))).toBe(true);
      expect(await usersGrantOperator(await operatorGrantDeps(cli), 'nobody@example.test', (line) => lines.push(line))).toBe(false);
    } finally {
      await cli.close();
    }
    expect(lines.join('\n')).toContain('is a platform operator');

    await eventually(async () => expect((await kit.call('GET', '/auth/me', undefined, operator.auth)).body.operator).toBe(true));
    expect((await kit.call('GET', `/api/v1/tenants/${tenantId}`, undefined, operator.auth)).status).toBe(200);
    const all = await kit.call('GET', '/api/v1/tenants?limit=200', undefined, operator.auth);
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    expect((await kit.call('GET', `/api/v1/tenants/${tenantId}/members`, undefined, operator.auth)).status).toBe(200);
  });
});

describe('retries with an Idempotency-Key', () => {
  it('return the first invitation and refuse to mint a second API key', async () => {
    const headers = { ...owner.auth, 'Idempotency-Key': `invite-${Date.now()}` };
    const first = await kit.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: 'retry@example.test', role: 'member' }, headers);
    const again = await kit.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: 'retry@example.test', role: 'member' }, headers);
    expect(first.status).toBe(201);
    expect(again.body).toMatchObject({ invitationId: first.body.invitationId, position: first.body.position, expiresAt: first.body.expiresAt });

    const keyHeaders = { ...owner.auth, 'Idempotency-Key': `key-${Date.now()}` };
    const key = await kit.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'once', scopes: ['tenant:read'] }, keyHeaders);
    secretsUsed.push(key.body.token);
    const keyAgain = await kit.call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'once', scopes: ['tenant:read'] }, keyHeaders);
    expect(keyAgain.status).toBe(409);
    expect(JSON.stringify(keyAgain.body)).not.toContain('hok_');
  });
});

describe('secrets', () => {
  it('leaves no password, invitation token or API key in any event', async () => {
    const events = await kit.allEventsText();
    for (const secret of secretsUsed) expect(events.filter((text) => text.includes(secret))).toEqual([]);
  });
});
