import { v7 as uuidv7 } from 'uuid';
import { createPostgresCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../../src/commands/handleCommand';
import { issueInvoice } from '../../../src/commands/issueInvoice';
import { createTestPool } from '../../support/postgres';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { eventually, identityKit, type IdentityKit } from './identityKit';

// EVERY registered route (read from /openapi.json, which is generated from the route table) is tried
// against tenant A's resources by tenant B's user, tenant B's API key and an anonymous caller: each
// gets 401/403/404 and nothing is written. A route this test does not know fails it.
let platform: TestPlatform;
let kit: IdentityKit;
let ownerA: SignedUpUser;
let adminA: SignedUpUser;
let userB: SignedUpUser;
const a = { tenantId: '', invitationId: '', invitationToken: '', keyId: '', key: '', sessionId: '', instanceId: '', backupId: '', invoiceId: '', paymentReference: '' };
let keyB = '';

/** Routes that address no tenant's resource: anyone may call them (their own tests cover them). */
const publicRoutes = new Set(['register', 'login', 'requestPasswordReset', 'confirmPasswordReset', 'unsubscribeByLink', 'unsubscribe', 'verifyEmail', 'instanceUnavailablePage', 'paynowResult']);
/** Routes that act on the caller's own account or list what the caller may see. */
const selfRoutes = new Set(['getMe', 'updateMe', 'logout', 'changePassword', 'listSessions', 'createTenant', 'listTenants', 'acceptInvitation',
  'getNotificationPreferences', 'putNotificationPreferences', 'getMyAccount', 'resendEmailVerification', 'listPlanPrices']);
/** Platform operators' routes (the admin API, billing's operator views): tried separately below. */
const isOperatorRoute = (route: { path: string }) => route.path.startsWith('/api/v1/admin/') || route.path.includes('/operator/');
/** Routes that name tenant A in the query or body rather than the path. */
const tenantAddressedRoutes: Record<string, (ids: typeof a) => string> = {
  listInstances: (ids) => `/api/v1/instances?tenantId=${ids.tenantId}`,
  provisionInstance: () => '/api/v1/instances',
  listInvoices: (ids) => `/api/v1/billing/invoices?tenantId=${ids.tenantId}`,
};

const bodies: Record<string, (ids: typeof a) => unknown> = {
  renameTenant: () => ({ name: 'Taken Over' }),
  deleteTenant: () => ({ reason: 'hostile' }),
  inviteMember: () => ({ email: 'intruder@example.test', role: 'admin' }),
  transferOwnership: () => ({ newOwnerId: userB.userId }),
  createApiKey: () => ({ name: 'stolen', scopes: ['tenant:read'] }),
  createTenant: () => ({ name: 'Anonymous Co' }),
  updateMe: () => ({ displayName: 'Nobody' }),
  changePassword: () => ({ currentPassword: 'whatever-it-was', newPassword: 'Brand-New-Passphrase-77' }),
  acceptInvitation: (ids) => ({ token: ids.invitationToken }),
  provisionInstance: (ids) => ({ tenantId: ids.tenantId, name: 'Intruder', subdomain: 'intruder-site', plan: 'starter', adminEmail: 'intruder@example.test' }),
  updateInstance: () => ({ name: 'Taken Over' }),
  deleteInstance: () => ({ reason: 'hostile' }),
  instanceAction: () => ({ action: 'stop' }),
  backupInstance: () => ({ mode: 'online' }),
  cloneBackup: () => ({ name: 'Stolen', subdomain: 'stolen-clone' }),
  putBackupPolicy: () => ({ enabled: false, hour: 3, timeZone: 'UTC', retention: null }),
  payInvoice: () => ({ method: 'ecocash', phone: '0771111111' }),
  putBackupTarget: () => ({ region: 'us-east-1', bucket: 'stolen-copies', accessKeyId: 'AKIAINTRUDER', secretAccessKey: 'intruder-secret' }),
};

interface RouteInfo {
  method: string;
  path: string;
  operationId: string;
}

async function registeredRoutes(): Promise<RouteInfo[]> {
  const doc = (await (await fetch(`${platform.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, operationId: operation.operationId })));
}

function concretePath(path: string): string {
  const values: Record<string, string> = {
    tenantId: a.tenantId, userId: adminA.userId, invitationId: a.invitationId, keyId: a.keyId, sessionId: a.sessionId,
    instanceId: a.instanceId, backupId: a.backupId, part: 'manifest', invoiceId: a.invoiceId, reference: a.paymentReference,
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`isolation test has no tenant-A value for path parameter ${name}`);
    return value;
  });
}

beforeAll(async () => {
  platform = await startTestPlatform('all');
  kit = identityKit(platform);
  [ownerA, adminA, userB] = await Promise.all([signUp(platform.url), signUp(platform.url), signUp(platform.url)]);
  a.tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Tenant A' }, ownerA.auth)).body.tenantId;
  const tenantB = (await kit.call('POST', '/api/v1/tenants', { name: 'Tenant B' }, userB.auth)).body.tenantId as string;

  const invitedAdmin = await kit.call('POST', `/api/v1/tenants/${a.tenantId}/invitations`, { email: adminA.email, role: 'admin' }, ownerA.auth);
  const adminToken = (await kit.vault.take(invitedAdmin.body.invitationId))!;
  expect((await kit.call('POST', '/api/v1/invitations/accept', { token: adminToken }, adminA.auth)).status).toBe(200);
  const pending = await kit.call('POST', `/api/v1/tenants/${a.tenantId}/invitations`, { email: 'later@example.test', role: 'member' }, ownerA.auth);
  a.invitationId = pending.body.invitationId;
  a.invitationToken = (await kit.vault.take(a.invitationId))!;
  const keyA = await kit.call('POST', `/api/v1/tenants/${a.tenantId}/api-keys`, { name: 'a-ci', scopes: ['tenant:read'] }, ownerA.auth);
  a.keyId = keyA.body.keyId;
  a.key = keyA.body.token;
  a.sessionId = (await kit.call('GET', '/auth/sessions', undefined, ownerA.auth)).body.items[0].sessionId;
  // Sagas do not run here: the requests alone give tenant A an instance and a backup to attack.
  const instance = await kit.call('POST', '/api/v1/instances', { tenantId: a.tenantId, name: 'A Shop', subdomain: `a-shop-${Date.now()}`, plan: 'starter', adminEmail: ownerA.email }, ownerA.auth);
  expect(instance.status).toBe(202);
  a.instanceId = instance.body.instanceId;
  const backup = await kit.call('POST', `/api/v1/instances/${a.instanceId}/backups`, { mode: 'online' }, ownerA.auth);
  expect(backup.status).toBe(202);
  a.backupId = backup.body.backupId;
  // An issued invoice of tenant A, through the billing commands (billing itself is off here).
  const commandPool = createTestPool(2);
  const handleCommand = createCommandPipeline({ store: platform.store, commandLog: createPostgresCommandLog(commandPool, platform.config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5 });
  const billing = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId: a.tenantId });
  const drafted = await handleCommand({ type: 'DraftInvoice', metadata: billing(), data: {
    tenantId: a.tenantId, instanceId: a.instanceId, currency: 'USD', dueOn: '2026-12-14', lines: [{ description: 'Starter plan', quantity: 1, unitAmountMinor: 1500 }], tax: { name: 'VAT', rateBasisPoints: 0 },
  } });
  a.invoiceId = drafted.streamName.slice('invoice-'.length);
  await issueInvoice({ handleCommand, store: platform.store }, { invoiceId: a.invoiceId, issuedOn: '2026-12-07' }, billing());
  // And a payment attempt on it, as the pay route records one before Paynow is asked.
  a.paymentReference = uuidv7();
  await handleCommand({ type: 'RequestPayment', metadata: billing(), data: {
    reference: a.paymentReference, invoiceId: a.invoiceId, tenantId: a.tenantId, amount: { amountMinor: 1500, currency: 'USD' }, method: 'ecocash', requestedAt: '2026-12-07T10:00:00.000Z',
  } });
  await commandPool.end();
  const allScopes = ['tenant:read', 'members:read', 'instances:read', 'instances:manage', 'backups:read', 'backups:manage', 'backups:download'];
  keyB = (await kit.call('POST', `/api/v1/tenants/${tenantB}/api-keys`, { name: 'b-all', scopes: allScopes }, userB.auth)).body.token;
  // Wait for the read models so a "not found" below is the policy's answer, not lag.
  await eventually(async () => expect((await kit.call('GET', `/api/v1/tenants/${a.tenantId}/members`, undefined, ownerA.auth)).body.items).toHaveLength(2));
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

describe('isolation of tenant A on every registered route', () => {
  it('knows every registered route', async () => {
    const routes = await registeredRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(24);
    const unclassified = routes.filter((r) => !r.path.includes('{') && !isOperatorRoute(r) && !publicRoutes.has(r.operationId) && !selfRoutes.has(r.operationId) && !(r.operationId in tenantAddressedRoutes));
    expect(unclassified).toEqual([]);
  });

  it('refuses tenant B\'s user, tenant B\'s API key and anonymous callers on each of A\'s resources, writing nothing', async () => {
    const routes = (await registeredRoutes()).filter((r) => !isOperatorRoute(r) && (r.path.includes('{') || r.operationId in tenantAddressedRoutes));
    const callers = { userB: userB.auth, keyB: { authorization: `Bearer ${keyB}` }, anonymous: {} };
    const outcomes: string[] = [];
    for (const route of routes) {
      for (const [caller, headers] of Object.entries(callers)) {
        const before = await platform.countEvents();
        const path = tenantAddressedRoutes[route.operationId]?.(a) ?? concretePath(route.path);
        const reply = await kit.call(route.method, path, bodies[route.operationId]?.(a), headers);
        const after = await platform.countEvents();
        outcomes.push(`${route.method} ${route.path} as ${caller}: ${reply.status}${after === before ? '' : ' WROTE EVENTS'}`);
        expect({ route: route.operationId, caller, status: [401, 403, 404].includes(reply.status), wrote: after - before })
          .toEqual({ route: route.operationId, caller, status: true, wrote: 0 });
        if (caller === 'anonymous') expect(reply.status).toBe(401);
        expect(JSON.stringify(reply.body ?? {})).not.toContain(ownerA.email);
      }
    }
    expect(outcomes.length).toBe(routes.length * 3);
  });

  it('refuses every operator route to tenant users (403), their API keys (403) and anonymous callers (401), writing nothing', async () => {
    const routes = (await registeredRoutes()).filter(isOperatorRoute);
    expect(routes.length).toBeGreaterThan(10);
    const values: Record<string, string> = {
      streamName: `tenant-${a.tenantId}`, correlationId: 'c1', sagaId: a.instanceId, group: 'notifier', name: 'tenants', userId: userB.userId,
      instanceId: a.instanceId, invoiceId: a.invoiceId, reference: 'r1',
    };
    for (const route of routes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
      for (const [caller, headers, status] of [['userB', userB.auth, 403], ['keyB', { authorization: `Bearer ${keyB}` }, 403], ['anonymous', {}, 401]] as const) {
        const before = await platform.countEvents();
        const reply = await kit.call(route.method, path, route.method === 'GET' ? undefined : { reason: 'hostile' }, headers);
        expect({ route: route.operationId, caller, status: reply.status, wrote: (await platform.countEvents()) - before })
          .toEqual({ route: route.operationId, caller, status, wrote: 0 });
      }
    }
  });

  it('asks anonymous callers to sign in on every self route, writing nothing', async () => {
    const routes = (await registeredRoutes()).filter((r) => selfRoutes.has(r.operationId));
    for (const route of routes) {
      const before = await platform.countEvents();
      const reply = await kit.call(route.method, route.path, bodies[route.operationId]?.(a));
      expect({ route: route.operationId, status: reply.status }).toEqual({ route: route.operationId, status: 401 });
      expect(await platform.countEvents()).toBe(before);
    }
  });

  it('shows B nothing of A on the self routes, and refuses B A\'s invitation token', async () => {
    const tenants = await kit.call('GET', '/api/v1/tenants?includeDeleted=true&limit=200', undefined, userB.auth);
    expect(tenants.body.items.map((t: { tenantId: string }) => t.tenantId)).not.toContain(a.tenantId);
    const sessions = await kit.call('GET', '/auth/sessions', undefined, userB.auth);
    expect(sessions.body.items.map((s: { sessionId: string }) => s.sessionId)).not.toContain(a.sessionId);
    expect((await kit.call('GET', '/auth/me', undefined, userB.auth)).body.userId).toBe(userB.userId);

    const before = await platform.countEvents();
    const stolen = await kit.call('POST', '/api/v1/invitations/accept', { token: a.invitationToken }, userB.auth);
    expect(stolen.status).toBe(409);
    expect(await platform.countEvents()).toBe(before);
  });

  it('left all of A intact', async () => {
    expect((await kit.call('GET', `/api/v1/tenants/${a.tenantId}`, undefined, ownerA.auth)).body).toMatchObject({ name: 'Tenant A', status: 'active' });
    expect((await kit.call('GET', '/auth/me', undefined, ownerA.auth)).status).toBe(200);
    expect((await kit.call('GET', `/api/v1/tenants/${a.tenantId}`, undefined, { authorization: `Bearer ${a.key}` })).status).toBe(200);
    const members = await kit.call('GET', `/api/v1/tenants/${a.tenantId}/members`, undefined, ownerA.auth);
    expect(members.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual([ownerA.userId, adminA.userId].sort());
    expect(await kit.vault.take(a.invitationId)).toBe(a.invitationToken);
  });
});
