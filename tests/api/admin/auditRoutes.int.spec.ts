import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { grantOperator } from '../../support/grantOperator';

let platform: TestPlatform;
let operator: SignedUpUser;
let owner: SignedUpUser;
let tenantId: string;
let renamePosition: string;
let renameCorrelation: string;

/** What the audit routes answer, as far as these tests read it. */
interface Answer { items: Array<{ type: string; correlationId: string }>; nextCursor: string | null; changes: unknown[]; events: Array<{ type: string }> }

async function call(method: string, path: string, auth: Record<string, string>, body?: unknown) {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, text, body: /application\/(problem\+)?json/.test(type) && text ? JSON.parse(text) as Answer : {} as Answer };
}

beforeAll(async () => {
  platform = await startTestPlatform('all');
  [owner, operator] = [await signUp(platform.url), await signUp(platform.url)];
  await grantOperator(platform.config, operator.email);
  // The operator flag is read from the users read model, which the worker's projection updates.
  for (let tries = 0; (await call('GET', '/api/v1/admin/audit/timeline?limit=1', operator.auth)).status !== 200; tries += 1) {
    if (tries > 100) throw new Error('the operator grant never reached the users read model');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  tenantId = String((JSON.parse((await call('POST', '/api/v1/tenants', owner.auth, { name: 'Harare Hardware' })).text) as { tenantId: string }).tenantId);
  const renamed = await fetch(`${platform.url}/api/v1/tenants/${tenantId}`, {
    method: 'PUT', headers: { ...owner.auth, 'content-type': 'application/json', 'x-correlation-id': 'audit-test-rename' }, body: JSON.stringify({ name: 'Harare Hardware Ltd' }),
  });
  const reply = await renamed.json() as { position: string };
  expect(renamed.status).toBe(200);
  renamePosition = reply.position;
  const renames = await call('GET', `/api/v1/admin/audit/timeline?stream=tenant-${tenantId}&type=TenantRenamed`, operator.auth);
  expect(renames).toMatchObject({ status: 200, body: { items: [expect.anything()] } });
  renameCorrelation = renames.body.items[0]!.correlationId;
});
afterAll(() => platform?.stop());

test("an operator reads a tenant's timeline: who did what and when, in pages", async () => {
  const page = await call('GET', `/api/v1/admin/audit/timeline?tenantId=${tenantId}&limit=1`, operator.auth);
  expect(page.status).toBe(200);
  expect(page.body.items).toEqual([expect.objectContaining({ type: 'TenantCreated', actor: owner.userId, streamName: `tenant-${tenantId}` })]);
  const next = await call('GET', `/api/v1/admin/audit/timeline?tenantId=${tenantId}&limit=1&cursor=${page.body.nextCursor ?? ''}`, operator.auth);
  expect(next.body.items).toEqual([expect.objectContaining({ type: 'TenantRenamed', position: renamePosition })]);
  const bad = await call('GET', '/api/v1/admin/audit/timeline?cursor=nonsense', operator.auth);
  expect(bad).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json') });
});

test('the state at a position and now, the diff between, the request that renamed it, and the export', async () => {
  const stream = `tenant-${tenantId}`;
  const before = await call('GET', `/api/v1/admin/audit/streams/${stream}?at=v0`, operator.auth);
  expect(before.body).toMatchObject({ version: 0, foldable: true, state: expect.objectContaining({ name: 'Harare Hardware' }) });
  const atRename = await call('GET', `/api/v1/admin/audit/streams/${stream}?at=${renamePosition}`, operator.auth);
  expect(atRename.body).toMatchObject({ version: 1, state: expect.objectContaining({ name: 'Harare Hardware Ltd' }) });
  const diff = await call('GET', `/api/v1/admin/audit/streams/${stream}/diff?from=v0`, operator.auth);
  expect(diff.body.changes).toEqual(expect.arrayContaining([{ path: 'name', before: 'Harare Hardware', after: 'Harare Hardware Ltd' }]));
  expect(diff.body.events.map((event: { type: string }) => event.type)).toEqual(['TenantRenamed']);
  const badPoint = await call('GET', `/api/v1/admin/audit/streams/${stream}?at=yesterday`, operator.auth);
  expect(badPoint.status).toBe(400);
  expect((await call('GET', '/api/v1/admin/audit/streams/tenant-00000000-0000-7000-8000-000000000000', operator.auth)).status).toBe(404);

  const correlation = await call('GET', `/api/v1/admin/audit/correlations/${renameCorrelation}`, operator.auth);
  expect(correlation.body.items.map((item: { type: string }) => item.type)).toContain('TenantRenamed');
  const exported = await call('GET', `/api/v1/admin/audit/export?stream=${stream}`, operator.auth);
  expect(exported.type).toContain('application/x-ndjson');
  expect(exported.text.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['TenantCreated', 'TenantRenamed']);
});

test.each([
  ['timeline', '/api/v1/admin/audit/timeline'],
  ['export', '/api/v1/admin/audit/export'],
  ['state', '/api/v1/admin/audit/streams/tenant-x1'],
  ['diff', '/api/v1/admin/audit/streams/tenant-x1/diff?from=v0'],
  ['correlation', '/api/v1/admin/audit/correlations/abc'],
])('a tenant owner gets 403 on the audit %s', async (_name, path) => {
  const answer = await call('GET', path, owner.auth);
  expect(answer).toMatchObject({ status: 403, type: expect.stringContaining('application/problem+json') });
  expect((await call('GET', path, {})).status).toBe(401);
});
