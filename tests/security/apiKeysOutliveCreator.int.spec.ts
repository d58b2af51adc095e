import { signUp, type SignedUpUser } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, finding 7: an API key kept working after the person who created it was removed from
// the tenant or demoted, so a departing admin kept machine access to the tenant's instances and
// backups. Keys now follow their creator (docs/decisions/042): removing or demoting a member revokes
// the keys that member created, as ApiKeyRevoked events appended with the change.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('all');
});
afterAll(() => platform?.stop());

type Reply = { status: number; body: Record<string, unknown> };
async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function tenantWithAdmin(name: string): Promise<{ tenantId: string; owner: SignedUpUser; admin: SignedUpUser }> {
  const owner = await signUp(platform.url);
  const admin = await signUp(platform.url);
  const tenantId = String((await call('POST', '/api/v1/tenants', { name }, owner.auth)).body.tenantId);
  const invited = await call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: admin.email, role: 'admin' }, owner.auth);
  const token = await platform.mailedToken(String(invited.body.invitationId));
  expect((await call('POST', '/api/v1/invitations/accept', { token }, admin.auth)).status).toBe(200);
  return { tenantId, owner, admin };
}
async function keyOf(person: SignedUpUser, tenantId: string): Promise<{ keyId: string; auth: Record<string, string> }> {
  const created = await call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: `key of ${person.userId}`, scopes: ['tenant:read', 'instances:read'] }, person.auth);
  expect(created.status).toBe(201);
  return { keyId: String(created.body.keyId), auth: { authorization: `Bearer ${String(created.body.token)}` } };
}
const keyWorks = async (tenantId: string, key: { auth: Record<string, string> }) =>
  (await call('GET', `/api/v1/instances?tenantId=${tenantId}`, undefined, key.auth)).status === 200;

test('removing a member revokes the keys that member created, and only those', async () => {
  const { tenantId, owner, admin } = await tenantWithAdmin('Departing Admin Ltd');
  const adminKey = await keyOf(admin, tenantId);
  const ownerKey = await keyOf(owner, tenantId);
  expect(await keyWorks(tenantId, adminKey)).toBe(true);

  expect((await call('DELETE', `/api/v1/tenants/${tenantId}/members/${admin.userId}`, undefined, owner.auth)).status).toBe(200);
  expect(await keyWorks(tenantId, adminKey)).toBe(false);
  expect([401, 403]).toContain((await call('GET', `/api/v1/tenants/${tenantId}`, undefined, adminKey.auth)).status);
  expect([401, 403]).toContain((await call('GET', '/api/v1/tenants', undefined, adminKey.auth)).status);
  expect(await keyWorks(tenantId, ownerKey)).toBe(true);

  const events = await platform.store.readStream(`tenant-${tenantId}`);
  expect(events.filter((e) => e.type === 'ApiKeyRevoked').map((e) => (e.data as { keyId: string }).keyId)).toEqual([adminKey.keyId]);
  const listed = await call('GET', `/api/v1/tenants/${tenantId}/api-keys`, undefined, owner.auth);
  const byId = Object.fromEntries((listed.body.items as Array<{ keyId: string; revokedAt: string | null }>).map((k) => [k.keyId, k.revokedAt]));
  expect(byId[adminKey.keyId]).not.toBeNull();
  expect(byId[ownerKey.keyId]).toBeNull();
});

test('a member who leaves takes their keys with them', async () => {
  const { tenantId, admin } = await tenantWithAdmin('Leaving Admin Ltd');
  const adminKey = await keyOf(admin, tenantId);
  expect((await call('DELETE', `/api/v1/tenants/${tenantId}/members/${admin.userId}`, undefined, admin.auth)).status).toBe(200);
  expect(await keyWorks(tenantId, adminKey)).toBe(false);
});

test('demoting the owner (a transfer of ownership) revokes the keys the old owner created', async () => {
  const { tenantId, owner, admin } = await tenantWithAdmin('Handover Ltd');
  const ownerKey = await keyOf(owner, tenantId);
  const adminKey = await keyOf(admin, tenantId);
  expect((await call('POST', `/api/v1/tenants/${tenantId}/ownership`, { newOwnerId: admin.userId }, owner.auth)).status).toBe(200);
  expect(await keyWorks(tenantId, ownerKey)).toBe(false);
  expect(await keyWorks(tenantId, adminKey)).toBe(true);
});
