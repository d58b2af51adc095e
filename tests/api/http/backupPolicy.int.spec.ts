import { eventually, identityKit, type IdentityKit } from '../identity/identityKit';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';

// The backup policy routes over HTTP, on the real PostgreSQL (read models, event store). No sagas:
// the instance stays `provisioning`, which does not matter to its policy.
let platform: TestPlatform;
let kit: IdentityKit;
let owner: SignedUpUser;
let member: SignedUpUser;
let instanceId: string;

beforeAll(async () => {
  platform = await startTestPlatform('all', { BACKUP_DEFAULT_HOUR: '1', BACKUP_DEFAULT_TIME_ZONE: 'Africa/Lusaka' });
  kit = identityKit(platform);
  [owner, member] = await Promise.all([signUp(platform.url), signUp(platform.url)]);
  const tenantId = (await kit.call('POST', '/api/v1/tenants', { name: 'Policy Co' }, owner.auth)).body.tenantId as string;
  const invited = await kit.call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: member.email, role: 'member' }, owner.auth);
  expect((await kit.call('POST', '/api/v1/invitations/accept', { token: (await kit.vault.take(invited.body.invitationId))! }, member.auth)).status).toBe(200);
  const requested = await kit.call('POST', '/api/v1/instances',
    { tenantId, name: 'Policy ERP', subdomain: `policy-${Date.now()}`, plan: 'business', adminEmail: owner.email }, owner.auth);
  expect(requested.status).toBe(202);
  instanceId = requested.body.instanceId;
  await eventually(async () => expect((await kit.call('GET', `/api/v1/instances/${instanceId}`, undefined, owner.auth)).status).toBe(200));
});
afterAll(async () => {
  await kit.close();
  await platform.stop();
});

describe('backup policy routes', () => {
  const path = () => `/api/v1/instances/${instanceId}/backup-policy`;

  it('shows the defaults before any policy: the configured hour and zone, the plan\'s retention', async () => {
    const reply = await kit.call('GET', path(), undefined, member.auth);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      instanceId, plan: 'business', enabled: true, hour: 1, timeZone: 'Africa/Lusaka', retention: { daily: 14, weekly: 8, monthly: 12 },
      source: { schedule: 'default', retention: 'plan' }, explicit: null,
    });
  });

  it('sets a policy (202 + position) that the next read shows, and a repeat appends nothing', async () => {
    const policy = { enabled: true, hour: 23, timeZone: 'America/New_York', retention: { daily: 3, weekly: 2, monthly: 1 } };
    const put = await kit.call('PUT', path(), policy, owner.auth);
    expect(put.status).toBe(202);
    expect(put.body).toMatchObject({ streamName: `backupPolicy-${instanceId}`, position: expect.any(String) });
    const read = await kit.call('GET', `${path()}?minPosition=${put.body.position}`, undefined, owner.auth);
    expect(read.body).toMatchObject({ ...policy, source: { schedule: 'policy', retention: 'policy' }, explicit: policy });

    const before = await platform.countEvents();
    expect((await kit.call('PUT', path(), policy, owner.auth)).status).toBe(202);
    expect(await platform.countEvents()).toBe(before);

    // Back to the plan's retention, and scheduled backups switched off.
    const off = await kit.call('PUT', path(), { enabled: false, hour: 23, timeZone: 'America/New_York', retention: null }, owner.auth);
    const after = await kit.call('GET', `${path()}?minPosition=${off.body.position}`, undefined, owner.auth);
    expect(after.body).toMatchObject({ enabled: false, retention: { daily: 14, weekly: 8, monthly: 12 }, source: { schedule: 'policy', retention: 'plan' } });
  });

  it.each([
    ['an hour of 24', { hour: 24, timeZone: 'UTC' }, 'hour'],
    ['a fractional hour', { hour: 1.5, timeZone: 'UTC' }, 'hour'],
    ['an unknown zone', { hour: 2, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an offset instead of a zone', { hour: 2, timeZone: '+02:00' }, 'timeZone'],
    ['no daily backup kept', { hour: 2, timeZone: 'UTC', retention: { daily: 0, weekly: 4, monthly: 3 } }, 'retention.daily'],
    ['a partial retention', { hour: 2, timeZone: 'UTC', retention: { daily: 7 } }, 'retention.weekly'],
    ['an unknown field', { hour: 2, timeZone: 'UTC', minute: 30 }, ''],
  ])('answers %s with a 400 problem and writes nothing', async (_case, body, field) => {
    const before = await platform.countEvents();
    const reply = await kit.call('PUT', path(), body, owner.auth);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(reply.body.type).toMatch(/^https:\/\/errors\.platform\.local\//);
    if (field) expect(JSON.stringify(reply.body.errors)).toContain(field);
    expect(await platform.countEvents()).toBe(before);
  });

  it('lets a member read the policy but not set it', async () => {
    const before = await platform.countEvents();
    expect((await kit.call('PUT', path(), { hour: 4, timeZone: 'UTC' }, member.auth)).status).toBe(403);
    expect(await platform.countEvents()).toBe(before);
  });
});
