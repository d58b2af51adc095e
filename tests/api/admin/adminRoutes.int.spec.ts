import { v7 } from 'uuid';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { grantOperator } from '../../support/grantOperator';

let platform: TestPlatform;
let operator: SignedUpUser;
let owner: SignedUpUser;
let tenantId: string;
let instanceId: string;
const sagaId = v7();
const sagaStream = `saga-provisionInstance-${sagaId}`;

async function call(method: string, path: string, auth: Record<string, string>, body?: unknown) {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (text ? JSON.parse(text) : {}) as Record<string, unknown> & { items?: Array<Record<string, unknown>> } };
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let tries = 0; tries < 100; tries += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

beforeAll(async () => {
  platform = await startTestPlatform('all');
  [owner, operator] = [await signUp(platform.url), await signUp(platform.url)];
  await grantOperator(platform.config, operator.email);
  await eventually(async () => ((await call('GET', '/api/v1/admin/relay', operator.auth)).status === 200 ? true : undefined), 'the operator grant in the users read model');
  tenantId = String((await call('POST', '/api/v1/tenants', owner.auth, { name: 'Bulawayo Bricks' })).body.tenantId);
  const provisioned = await call('POST', '/api/v1/instances', owner.auth, { tenantId, name: 'Bricks ERP', subdomain: `adm${process.pid}`, plan: 'starter', adminEmail: owner.email });
  expect(provisioned.status).toBe(202);
  instanceId = String(provisioned.body.instanceId);
  // A provisioning saga as a worker would have started it (this platform runs no saga workers).
  await platform.store.appendToStream(sagaStream, [{
    type: 'SagaStarted',
    data: { sagaName: 'provisionInstance', sagaId, subjectId: instanceId, tenantId, input: { instanceId }, triggerEventId: v7(), triggeredAt: new Date().toISOString(), correlationId: 'admin-test' },
    metadata: { actor: 'system:saga-provisionInstance', correlationId: 'admin-test', tenantId },
  }], { expectedVersion: 'no_stream' });
});
afterAll(() => platform?.stop());

test("operators list every tenant's instances with filters and a cursor", async () => {
  const all = await eventually(async () => {
    const page = await call('GET', `/api/v1/admin/instances?tenantId=${tenantId}`, operator.auth);
    return page.body.items?.length ? page : undefined;
  }, 'the instance in the read model');
  expect(all.body.items).toEqual([expect.objectContaining({ instanceId, tenantId, name: 'Bricks ERP' })]);
  const none = await call('GET', `/api/v1/admin/instances?tenantId=${tenantId}&status=running`, operator.auth);
  expect(none.body.items).toEqual([]);
  const paged = await call('GET', '/api/v1/admin/instances?limit=1', operator.auth);
  expect(paged.body.items).toHaveLength(1);
});

test('operators see sagas and stuck ones, and retry or cancel one with a reason the audit shows', async () => {
  const listed = await eventually(async () => {
    const page = await call('GET', `/api/v1/admin/sagas?subjectId=${instanceId}`, operator.auth);
    return page.body.items?.some((saga) => saga.sagaId === sagaId) ? page : undefined;
  }, 'the saga in the read model');
  // Beside the pending one the read model expects for the provisioning request itself.
  expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ sagaId, status: 'running', subjectId: instanceId })]));
  const stuck = await call('GET', `/api/v1/admin/sagas?stuck=true&stuckAfterSeconds=1&subjectId=${instanceId}`, operator.auth);
  expect(stuck.status).toBe(200);

  expect((await call('POST', `/api/v1/admin/sagas/${sagaId}/retry`, operator.auth, {})).status).toBe(400);
  const retried = await call('POST', `/api/v1/admin/sagas/${sagaId}/retry`, operator.auth, { reason: 'Docker was restarted' });
  expect(retried).toMatchObject({ status: 202, body: { sagaId, requested: 'retry' } });
  const cancelled = await call('POST', `/api/v1/admin/sagas/${sagaId}/cancel`, operator.auth, { reason: 'customer asked' });
  expect(cancelled).toMatchObject({ status: 202, body: { requested: 'cancel' } });
  expect((await call('POST', `/api/v1/admin/sagas/${v7()}/cancel`, operator.auth, { reason: 'x' })).status).toBe(404);

  const timeline = await call('GET', `/api/v1/admin/audit/timeline?stream=${sagaStream}`, operator.auth);
  expect(timeline.body.items!.slice(1)).toEqual([
    expect.objectContaining({ type: 'SagaRetryRequested', actor: operator.userId, reason: 'Docker was restarted' }),
    expect.objectContaining({ type: 'SagaCancelRequested', actor: operator.userId, reason: 'customer asked' }),
  ]);
});

test('operators read projection and relay status', async () => {
  const projections = await call('GET', '/api/v1/admin/projections', operator.auth);
  expect(projections.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'instances', rebuilding: false })]));
  const relay = await call('GET', '/api/v1/admin/relay', operator.auth);
  expect(relay).toMatchObject({ status: 200, body: { active: false, lagEvents: expect.any(Number) } });
  // Suites run without the broker (adminDeadLetterRoutes.unit.spec covers the queues).
  expect(await call('GET', '/api/v1/admin/dead-letters/notifier', operator.auth)).toMatchObject({ status: 503, body: { type: expect.stringContaining('bus-disabled') } });
});

test('an operator rebuilds a read model with a reason: 202, progress in the status, the action in the audit', async () => {
  expect((await call('POST', '/api/v1/admin/projections/nonesuch/rebuild', operator.auth, { reason: 'x' })).status).toBe(404);
  const started = await call('POST', '/api/v1/admin/projections/tenants/rebuild', operator.auth, { reason: 'tenant names out of date' });
  expect(started).toMatchObject({ status: 202, body: { projection: 'tenants' } });
  await eventually(async () => {
    const status = (await call('GET', '/api/v1/admin/projections', operator.auth)).body.items!.find((item) => item.name === 'tenants');
    return status && status.rebuiltAt !== null && status.rebuilding === false ? status : undefined;
  }, 'the rebuild to finish');
  expect((await call('GET', `/api/v1/tenants/${tenantId}`, owner.auth)).body).toMatchObject({ name: 'Bulawayo Bricks' });
  const audit = await call('GET', `/api/v1/admin/audit/timeline?actor=${operator.userId}&type=OperatorActionRecorded`, operator.auth);
  expect(audit.body.items).toEqual([expect.objectContaining({ reason: 'tenant names out of date', data: expect.objectContaining({ action: 'projection.rebuild', target: 'tenants' }) })]);
});

test('an operator grants the operator role and takes it back, each with a reason on the user\'s stream', async () => {
  const colleague = await signUp(platform.url);
  const granted = await call('POST', `/api/v1/admin/users/${colleague.userId}/operator/grant`, operator.auth, { reason: 'joins the on-call rota' });
  expect(granted.status).toBe(200);
  await eventually(async () => ((await call('GET', '/api/v1/admin/relay', colleague.auth)).status === 200 ? true : undefined), 'the colleague acting as an operator');
  const revoked = await call('POST', `/api/v1/admin/users/${colleague.userId}/operator/revoke`, operator.auth, { reason: 'left the rota' });
  expect(revoked.status).toBe(200);
  await eventually(async () => ((await call('GET', '/api/v1/admin/relay', colleague.auth)).status === 403 ? true : undefined), 'the colleague a tenant user again');
  expect((await call('POST', `/api/v1/admin/users/${v7()}/operator/grant`, operator.auth, { reason: 'x' })).status).toBe(404);
  const audit = await call('GET', `/api/v1/admin/audit/timeline?stream=user-${colleague.userId}&type=OperatorRoleGranted,OperatorRoleRevoked`, operator.auth);
  expect(audit.body.items).toEqual([
    expect.objectContaining({ type: 'OperatorRoleGranted', actor: operator.userId, reason: 'joins the on-call rota' }),
    expect.objectContaining({ type: 'OperatorRoleRevoked', actor: operator.userId, reason: 'left the rota' }),
  ]);
});

test.each([
  ['GET', '/api/v1/admin/instances'],
  ['GET', '/api/v1/admin/sagas'],
  ['POST', '/api/v1/admin/sagas/abc/retry'],
  ['POST', '/api/v1/admin/sagas/abc/cancel'],
  ['GET', '/api/v1/admin/projections'],
  ['GET', '/api/v1/admin/relay'],
  ['POST', '/api/v1/admin/projections/tenants/rebuild'],
  ['POST', '/api/v1/admin/users/01a24eb4-178c-712e-b9a0-4fb7d163db13/operator/grant'],
  ['POST', '/api/v1/admin/users/01a24eb4-178c-712e-b9a0-4fb7d163db13/operator/revoke'],
  ['GET', '/api/v1/admin/dead-letters/notifier'],
  ['POST', '/api/v1/admin/dead-letters/notifier/redrive'],
])('a tenant owner gets 403 on %s %s', async (method, path) => {
  const answer = await call(method, path, owner.auth, method === 'POST' ? { reason: 'mine now' } : undefined);
  expect(answer).toMatchObject({ status: 403, type: expect.stringContaining('application/problem+json') });
});
