import { randomUUID } from 'node:crypto';
import { signUp, type SignedUpUser } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, finding 6: a soft-deleted tenant kept working — its members' sessions and API keys
// still read and changed its resources, its instances kept running, its keys and invitations stayed
// valid. Now every policy decision refuses a deleted tenant, its keys and pending invitations are
// revoked with the deletion, and a saga triggered by TenantDeleted stops its running instances
// (docs/decisions/044). The platform runs without the Docker engine here: the stop is asserted as
// the StopInstance command's InstanceStopRequested, which the instance sagas would carry out.
let platform: TestPlatform;
let owner: SignedUpUser;
let admin: SignedUpUser;
let invitee: SignedUpUser;
let tenantId: string;
let running: string;
let stopped: string;
let keyAuth: Record<string, string>;
let invitationToken: string;

type Reply = { status: number; body: Record<string, unknown> };
async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
/** An instance as the sagas would have left it (the platform here runs without them). */
async function instance(events: Array<{ type: string; data?: Record<string, unknown> }>): Promise<string> {
  const instanceId = randomUUID();
  const spec = {
    instanceId, tenantId, name: 'ERP', subdomain: `deleted-${instanceId.slice(0, 8)}`, plan: 'starter', odooVersion: '17.0',
    adminEmail: owner.email, demoData: false, language: 'en_US', requestedBy: owner.userId,
  };
  const all = [{ type: 'InstanceProvisioningRequested', data: spec }, { type: 'InstanceProvisioned', data: { url: 'http://x', containerName: 'c', databaseName: 'd' } }, ...events];
  await platform.store.appendToStream(`instance-${instanceId}`, all.map((e) => ({
    type: e.type, data: { instanceId, ...e.data }, metadata: { actor: 'system:test', tenantId, occurredAt: new Date().toISOString() },
  })), { expectedVersion: 'no_stream' });
  return instanceId;
}
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  platform = await startTestPlatform('all');
  [owner, admin, invitee] = [await signUp(platform.url), await signUp(platform.url), await signUp(platform.url)];
  tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Closing Down Ltd' }, owner.auth)).body.tenantId);
  const invitedAdmin = await call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: admin.email, role: 'admin' }, owner.auth);
  expect((await call('POST', '/api/v1/invitations/accept', { token: await platform.mailedToken(String(invitedAdmin.body.invitationId)) }, admin.auth)).status).toBe(200);
  const pending = await call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: invitee.email, role: 'member' }, owner.auth);
  invitationToken = (await platform.mailedToken(String(pending.body.invitationId)))!;
  const key = await call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'ci', scopes: ['tenant:read', 'instances:read', 'instances:manage', 'backups:read'] }, owner.auth);
  keyAuth = { authorization: `Bearer ${String(key.body.token)}` };
  running = await instance([]);
  stopped = await instance([{ type: 'InstanceStopRequested' }, { type: 'InstanceStopped' }]);
  expect((await call('GET', `/api/v1/instances?tenantId=${tenantId}`, undefined, keyAuth)).status).toBe(200);

  const deleted = await call('DELETE', `/api/v1/tenants/${tenantId}`, { reason: 'closing down' }, owner.auth);
  expect(deleted.status).toBe(200);
}, 60_000);
afterAll(() => platform?.stop());

test('members\' sessions are refused on every resource of the deleted tenant', async () => {
  for (const person of [owner, admin]) {
    for (const [method, path, body] of [
      ['GET', `/api/v1/tenants/${tenantId}`, undefined],
      ['PUT', `/api/v1/tenants/${tenantId}`, { name: 'Back From The Dead' }],
      ['GET', `/api/v1/tenants/${tenantId}/members`, undefined],
      ['POST', `/api/v1/tenants/${tenantId}/invitations`, { email: 'late@example.test', role: 'member' }],
      ['POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: 'late', scopes: ['tenant:read'] }],
      ['GET', `/api/v1/instances?tenantId=${tenantId}`, undefined],
      ['GET', `/api/v1/instances/${running}`, undefined],
      ['POST', `/api/v1/instances/${running}/actions`, { action: 'restart' }],
      ['POST', '/api/v1/instances', { tenantId, name: 'New ERP', subdomain: `late-${tenantId.slice(0, 6)}`, plan: 'starter', adminEmail: owner.email }],
    ] as const) {
      const reply = await call(method, path, body, person.auth);
      expect({ method, path, refused: [403, 404].includes(reply.status) }).toEqual({ method, path, refused: true });
    }
  }
});

test('its API keys are revoked and refused, on its resources and on routes without a tenant', async () => {
  for (const path of [`/api/v1/tenants/${tenantId}`, `/api/v1/instances?tenantId=${tenantId}`, `/api/v1/instances/${running}/status`, '/api/v1/tenants']) {
    const { status } = await call('GET', path, undefined, keyAuth);
    expect({ path, refused: [401, 403, 404].includes(status) }).toEqual({ path, refused: true });
  }
  const events = await platform.store.readStream(`tenant-${tenantId}`);
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['TenantDeleted', 'ApiKeyRevoked', 'InvitationRevoked']));
});

test('its pending invitations are revoked', async () => {
  const accepted = await call('POST', '/api/v1/invitations/accept', { token: invitationToken }, invitee.auth);
  expect(accepted.status).toBeGreaterThanOrEqual(400);
  expect(accepted.status).toBeLessThan(500);
});

test('its running instances are stopped (StopInstance through the pipeline); stopped ones are left alone', async () => {
  await eventually(async () => (await platform.store.readStream(`instance-${running}`)).some((e) => e.type === 'InstanceStopRequested'), 'InstanceStopRequested');
  const stop = (await platform.store.readStream(`instance-${running}`)).find((e) => e.type === 'InstanceStopRequested')!;
  expect(stop.metadata).toMatchObject({ actor: 'system:saga-stopDeletedTenantInstances', tenantId });
  const stoppedEvents = (await platform.store.readStream(`instance-${stopped}`)).map((e) => e.type);
  expect(stoppedEvents.filter((t) => t === 'InstanceStopRequested')).toHaveLength(1);
});
