import { identityKit, type IdentityKit } from '../identity/identityKit';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';

// The instance routes' HTTP contract without Docker (SAGAS_ENABLED=false): a requested instance stays
// `provisioning`, which is exactly the state whose guards these tests need. The sagas themselves are
// tested on real Docker in tests/sagas.
let platform: TestPlatform;
let kit: IdentityKit;
let owner: SignedUpUser;
let tenantId: string;
let instanceId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  kit = identityKit(platform);
  owner = await signUp(platform.url);
  tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Guarded Co' }, owner.auth)).body.tenantId;
  const requested = await kit.call('POST', '/api/v1/instances',
    { tenantId, name: 'Guarded ERP', subdomain: `guarded-${Date.now()}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
  expect(requested.status).toBe(202);
  instanceId = requested.body.instanceId;
  const read = await kit.call('GET', `/api/v1/instances/${instanceId}?minPosition=${requested.body.position}`, undefined, owner.auth);
  expect(read.body).toMatchObject({ instanceId, status: 'provisioning' });
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

describe('instance routes', () => {
  it.each(['start', 'stop', 'restart'])('refuses %s while provisioning with a 409 problem, writing nothing', async (action) => {
    const before = await platform.countEvents();
    const reply = await kit.call('POST', `/api/v1/instances/${instanceId}/actions`, { action }, owner.auth);
    expect(reply.status).toBe(409);
    expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(reply.body.type).toMatch(/^https:\/\/errors\.platform\.local\//);
    expect(reply.body.detail).toEqual(expect.any(String));
    expect(await platform.countEvents()).toBe(before);
  });

  it('rejects an unknown plan and an unknown action with 400, writing nothing', async () => {
    const before = await platform.countEvents();
    expect((await kit.call('POST', `/api/v1/instances/${instanceId}/actions`, { action: 'resize', plan: 'gigantic' }, owner.auth)).status).toBe(400);
    expect((await kit.call('POST', `/api/v1/instances/${instanceId}/actions`, { action: 'explode' }, owner.auth)).status).toBe(400);
    expect(await platform.countEvents()).toBe(before);
  });

  it('refuses a subdomain that is reserved or not a DNS label', async () => {
    for (const subdomain of ['www', 'Not_A_Label', '-dash']) {
      const reply = await kit.call('POST', '/api/v1/instances', { tenantId, name: 'Bad Name', subdomain, plan: 'starter', adminEmail: owner.email }, owner.auth);
      expect({ subdomain, status: reply.status }).toEqual({ subdomain, status: 400 });
    }
  });

  it('shows desired and actual state on /status', async () => {
    const status = await kit.call('GET', `/api/v1/instances/${instanceId}/status`, undefined, owner.auth);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ instanceId, desired: { status: 'provisioning' }, actual: { container: 'absent', running: false } });
  });
});
