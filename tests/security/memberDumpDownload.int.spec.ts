import { randomUUID } from 'node:crypto';
import { signUp, type SignedUpUser } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, low: any member (the lowest role, and any key with backups:read) could download a
// backup's full database dump and volume: the whole tenant's data, customers, invoices, password
// hashes of the Odoo users. Downloading is now its own permission, backups:download, held by owners
// and admins (and keys they grant it to); reading the catalogue and the manifest stays backups:read.
let platform: TestPlatform;
let owner: SignedUpUser;
let member: SignedUpUser;
let tenantId: string;
let backupId: string;

type Reply = { status: number; body: Record<string, unknown> };
async function call(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
async function keyWith(scopes: string[]): Promise<Record<string, string>> {
  const created = await call('POST', `/api/v1/tenants/${tenantId}/api-keys`, { name: scopes.join(' '), scopes }, owner.auth);
  expect(created.status).toBe(201);
  return { authorization: `Bearer ${String(created.body.token)}` };
}

beforeAll(async () => {
  platform = await startTestPlatform('api');
  [owner, member] = [await signUp(platform.url), await signUp(platform.url)];
  tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Dump Guard Ltd' }, owner.auth)).body.tenantId);
  const invited = await call('POST', `/api/v1/tenants/${tenantId}/invitations`, { email: member.email, role: 'member' }, owner.auth);
  expect((await call('POST', '/api/v1/invitations/accept', { token: await platform.mailedToken(String(invited.body.invitationId)) }, member.auth)).status).toBe(200);
  // A backup of the tenant, as the backup saga starts one (the download's policy reads its tenant from it).
  backupId = randomUUID();
  await platform.store.appendToStream(`backup-${backupId}`, [{
    type: 'BackupStarted', data: { backupId, instanceId: randomUUID(), tenantId, mode: 'consistent', trigger: 'manual', slot: null, requestedBy: owner.userId },
    metadata: { actor: 'system:test', tenantId },
  }], { expectedVersion: 'no_stream' });
});
afterAll(() => platform?.stop());

test('a member may not download the database or the volume', async () => {
  for (const part of ['database', 'volume']) {
    const reply = await call('GET', `/api/v1/backups/${backupId}/download/${part}`, undefined, member.auth);
    expect({ part, status: reply.status, type: reply.body.type }).toEqual({ part, status: 403, type: 'https://errors.platform.local/forbidden' });
  }
});

test('a key with backups:read only may not download either; backups:download is a scope of its own', async () => {
  const reader = await keyWith(['backups:read']);
  expect((await call('GET', `/api/v1/backups/${backupId}/download/database`, undefined, reader)).status).toBe(403);
  const downloader = await keyWith(['backups:read', 'backups:download']);
  expect((await call('GET', `/api/v1/backups/${backupId}/download/database`, undefined, downloader)).status).not.toBe(403);
});

test('owners pass the policy (the backup here never completed: 404, not 403)', async () => {
  expect((await call('GET', `/api/v1/backups/${backupId}/download/database`, undefined, owner.auth)).status).toBe(404);
});
