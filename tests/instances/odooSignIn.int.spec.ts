import { createOdooRpcAt } from '../../src/adapters/odoo/createOdooRpc';
import { instanceDatabaseName } from '../../src/sagas/instances/instanceDatabaseName';
import { startCaddy } from '../adapters/router/caddyProcess';
import { freePort } from '../support/freePort';
import { identityKit, type IdentityKit } from '../api/identity/identityKit';
import { startInstancePlatform, type InstancePlatform } from '../support/instancePlatform';
import { odooRequest, signInToOdoo } from '../support/odooWebClient';
import { signUp, type SignedUpUser } from '../support/signUp';
import type { TestPlatform } from '../support/testPlatform';

// Issue 12's promise, end to end: the whole platform (api + worker) provisions an instance through
// HTTP on real Docker with the Odoo contract double, Caddy routes <subdomain>.test.localhost to it,
// and its owner signs in with the credentials the platform hands out. Nothing else signs in, and the
// database manager is not there.
describe('an instance is an initialised, locked-down Odoo its owner can sign in to', () => {
  let world: InstancePlatform;
  let platform: TestPlatform;
  let kit: IdentityKit;
  let owner: SignedUpUser;
  let caddy: Awaited<ReturnType<typeof startCaddy>>;
  let routerUrl: string;
  const created = () => world.created;

  const instanceUntil = async (instanceId: string, statuses: string[], timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const reply = await kit.call('GET', `/api/v1/instances/${instanceId}`, undefined, owner.auth);
      if (statuses.includes(reply.body.status) || Date.now() > deadline) return reply.body;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    caddy = await startCaddy();
    const routerPort = await freePort();
    routerUrl = `http://127.0.0.1:${routerPort}`;
    world = await startInstancePlatform('odoosignin', {
      ROUTER: 'caddy', CADDY_ADMIN_URL: caddy.adminUrl, CADDY_HTTP_LISTEN: `127.0.0.1:${routerPort}`, CADDY_SERVER_NAME: `signin${process.pid}`,
      USAGE_METER_INTERVAL_MS: '300',
    });
    platform = world.platform;
    kit = identityKit(platform);
    owner = await signUp(platform.url);
  });
  afterAll(async () => {
    await kit?.close();
    await world?.stop();
    await caddy?.stop();
  });

  it('refuses an unsupported Odoo version with a 400 that lists the supported ones, writing nothing', async () => {
    const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Old Odoo Co' }, owner.auth)).body.tenantId;
    const before = await platform.countEvents();
    const reply = await kit.call('POST', '/api/v1/instances',
      { tenantId, name: 'Old', subdomain: `old${process.pid}`, plan: 'starter', adminEmail: owner.email, odooVersion: '16.0' }, owner.auth);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(reply.body)).toContain('17.0, 18.0');
    expect(await platform.countEvents()).toBe(before);
  });

  it('provisions Odoo 18.0 in French with demo data; the owner signs in through the route with the handed-out password, admin/admin does not, and there is no database manager', async () => {
    const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Signing In Co' }, owner.auth)).body.tenantId;
    const subdomain = `signin${process.pid}`;
    const host = `${subdomain}.test.localhost`;
    const requested = await kit.call('POST', '/api/v1/instances', {
      tenantId, name: 'Signing In ERP', subdomain, plan: 'starter', adminEmail: owner.email, odooVersion: '18.0', language: 'fr_FR', demoData: true,
    }, owner.auth);
    expect(requested.status).toBe(202);
    const { instanceId } = requested.body;
    created().push(instanceId);
    const instance = await instanceUntil(instanceId, ['running', 'failed']);
    expect(instance).toMatchObject({ status: 'running', odooVersion: '18.0', serverVersion: '18.0', adminLogin: owner.email });

    const credentials = await kit.call('POST', `/api/v1/instances/${instanceId}/admin-credentials`, undefined, owner.auth);
    expect(credentials.status).toBe(200);
    expect(credentials.headers.get('cache-control')).toBe('no-store');
    expect(credentials.body).toMatchObject({ login: owner.email, password: expect.any(String) });
    const { password } = credentials.body as { password: string };

    expect((await signInToOdoo(routerUrl, host, owner.email, password)).signedIn).toBe(true);
    const defaults = await signInToOdoo(routerUrl, host, 'admin', 'admin');
    expect(defaults.signedIn).toBe(false);
    expect(defaults.reply.body).toMatch(/Wrong login\/password/);
    for (const manager of ['/web/database/manager', '/web/database/selector']) {
      expect((await odooRequest(`${routerUrl}${manager}`, { host })).status).toBe(404);
    }
    const dropAttempt = await odooRequest(`${routerUrl}/web/database/drop`, {
      host, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'master_pwd=admin&name=x',
    });
    expect(dropAttempt.status).toBe(404);
    expect((await odooRequest(`${routerUrl}/xmlrpc/2/db`, { host, method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<methodCall/>' })).status).toBe(404);

    // What Odoo itself says, over its public XML-RPC through the route.
    const odoo = createOdooRpcAt(routerUrl, { hostHeader: host });
    expect((await odoo.version()).serverVersion).toBe('18.0');
    const database = instanceDatabaseName(instanceId);
    expect(await odoo.authenticate(database, 'admin', 'admin')).toBeNull();
    const uid = await odoo.authenticate(database, owner.email, password);
    expect(uid).toEqual(expect.any(Number));
    const languages = await odoo.executeKw(database, uid!, password, 'res.lang', 'search_read', [[['active', '=', true]]], { fields: ['code'] }) as Array<{ code: string }>;
    expect(languages.map((lang) => lang.code)).toContain('fr_FR');
    const base = await odoo.executeKw(database, uid!, password, 'ir.module.module', 'search_read', [[['name', '=', 'base']]], { fields: ['name', 'state', 'demo'] }) as Array<{ state: string; demo: boolean }>;
    expect(base[0]).toMatchObject({ state: 'installed', demo: true });

    // /status: what the engine says it uses now, and the meter's disk measurement against the plan.
    let status = await kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth);
    for (const deadline = Date.now() + 15_000; status.body.usage?.databaseBytes === undefined && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth);
    }
    expect(status.body.resources).toMatchObject({ memoryBytes: expect.any(Number), memoryLimitBytes: 128 * 1024 * 1024, cpuPercent: expect.any(Number) });
    expect(status.body.resources.memoryBytes).toBeGreaterThan(0);
    expect(status.body.usage).toMatchObject({ level: 'ok', overQuota: false, quotaBytes: 10e9, databaseBytes: expect.any(Number), volumeBytes: expect.any(Number) });
    expect(status.body.usage.databaseBytes).toBeGreaterThan(0);

    // Rotation: the new password signs in, the old one no longer does.
    const rotated = await kit.call('POST', `/api/v1/instances/${instanceId}/admin-credentials/rotate`, undefined, owner.auth);
    expect(rotated.status).toBe(200);
    const newPassword = (rotated.body as { password: string }).password;
    expect(newPassword).not.toBe(password);
    expect((await signInToOdoo(routerUrl, host, owner.email, newPassword)).signedIn).toBe(true);
    expect((await signInToOdoo(routerUrl, host, owner.email, password)).signedIn).toBe(false);

    // Audited without the secret: both reads and the rotation are events, and no event holds a password.
    const events = await kit.allEventsText();
    expect(events.filter((text) => text.startsWith(`instance-${instanceId} `)).map((text) => text.split(' ')[1]))
      .toEqual(expect.arrayContaining(['InstanceAdminCredentialsRevealed', 'InstanceAdminPasswordRotated']));
    expect(events.some((text) => text.includes(password) || text.includes(newPassword))).toBe(false);
  });

  it('hands the credentials to owners and admins only: a member gets 403', async () => {
    const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Members Co' }, owner.auth)).body.tenantId;
    const requested = await kit.call('POST', '/api/v1/instances', { tenantId, name: 'M', subdomain: `members${process.pid}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
    created().push(requested.body.instanceId);
    const member = await signUp(platform.url);
    const invited = await kit.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: member.email, role: 'member' }, owner.auth);
    expect((await kit.call('POST', '/api/v1/invitations/accept', { token: (await kit.vault.take(invited.body.invitationId))! }, member.auth)).status).toBe(200);
    const reply = await kit.call('POST', `/api/v1/instances/${requested.body.instanceId}/admin-credentials`, undefined, member.auth);
    expect(reply.status).toBe(403);
  });
});
