import { rawRequest } from '../../support/rawRequest';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';

// Every route, every kind of bad input: a 4xx problem+json and no event written.
let platform: TestPlatform;
let existingId: string;
let owner: SignedUpUser;
beforeAll(async () => {
  platform = await startTestPlatform('all', { HTTP_BODY_LIMIT: '2kb' });
  owner = await signUp(platform.url);
  const response = await fetch(`${platform.url}/api/v1/tenants`, { method: 'POST', headers: { 'content-type': 'application/json', ...owner.auth }, body: JSON.stringify({ name: 'Existing Co' }) });
  existingId = ((await response.json()) as { tenantId: string }).tenantId;
});
afterAll(async () => {
  await platform.stop();
});

type Case = { name: string; method: string; path: () => string; body?: string; contentType?: string; status: number; problem: string };

const json = 'application/json';
const oversize = JSON.stringify({ name: 'x'.repeat(5000) });
const cases: Case[] = [
  { name: 'create: malformed JSON', method: 'POST', path: () => '/api/v1/tenants', body: '{"name": ', status: 400, problem: 'malformed-json' },
  { name: 'create: wrong type', method: 'POST', path: () => '/api/v1/tenants', body: '{"name": 42}', status: 400, problem: 'validation' },
  { name: 'create: unknown field', method: 'POST', path: () => '/api/v1/tenants', body: '{"name": "Ok Name", "plan": "gold"}', status: 400, problem: 'validation' },
  { name: 'create: missing field', method: 'POST', path: () => '/api/v1/tenants', body: '{}', status: 400, problem: 'validation' },
  { name: 'create: not an object', method: 'POST', path: () => '/api/v1/tenants', body: '["Ok Name"]', status: 400, problem: 'validation' },
  { name: 'create: invalid tenantId', method: 'POST', path: () => '/api/v1/tenants', body: '{"name": "Ok Name", "tenantId": "abc"}', status: 400, problem: 'validation' },
  { name: 'create: oversize body', method: 'POST', path: () => '/api/v1/tenants', body: oversize, status: 413, problem: 'body-too-large' },
  { name: 'create: not JSON', method: 'POST', path: () => '/api/v1/tenants', body: 'name=x', contentType: 'application/x-www-form-urlencoded', status: 415, problem: 'unsupported-media-type' },
  { name: 'create: bad Idempotency-Key', method: 'POST', path: () => '/api/v1/tenants', body: '{"name": "Ok Name"}', status: 400, problem: 'validation' },
  { name: 'list: wrong limit type', method: 'GET', path: () => '/api/v1/tenants?limit=many', status: 400, problem: 'validation' },
  { name: 'list: unknown query parameter', method: 'GET', path: () => '/api/v1/tenants?sort=name', status: 400, problem: 'validation' },
  { name: 'list: invalid cursor', method: 'GET', path: () => '/api/v1/tenants?cursor=zzz', status: 400, problem: 'validation' },
  { name: 'list: invalid minPosition', method: 'GET', path: () => '/api/v1/tenants?minPosition=latest', status: 400, problem: 'validation' },
  { name: 'get: invalid id', method: 'GET', path: () => '/api/v1/tenants/not-a-uuid', status: 400, problem: 'validation' },
  { name: 'get: body on a GET', method: 'GET', path: () => `/api/v1/tenants/${existingId}`, body: '{"x":1}', status: 400, problem: 'validation' },
  { name: 'rename: malformed JSON', method: 'PUT', path: () => `/api/v1/tenants/${existingId}`, body: '{', status: 400, problem: 'malformed-json' },
  { name: 'rename: wrong type', method: 'PUT', path: () => `/api/v1/tenants/${existingId}`, body: '{"name": false}', status: 400, problem: 'validation' },
  { name: 'rename: unknown field', method: 'PUT', path: () => `/api/v1/tenants/${existingId}`, body: '{"name": "New Name", "owner": "me"}', status: 400, problem: 'validation' },
  { name: 'rename: oversize body', method: 'PUT', path: () => `/api/v1/tenants/${existingId}`, body: oversize, status: 413, problem: 'body-too-large' },
  { name: 'rename: invalid id', method: 'PUT', path: () => '/api/v1/tenants/1234', body: '{"name": "New Name"}', status: 400, problem: 'validation' },
  { name: 'rename: not JSON', method: 'PUT', path: () => `/api/v1/tenants/${existingId}`, body: 'New Name', contentType: 'text/plain', status: 415, problem: 'unsupported-media-type' },
  { name: 'delete: malformed JSON', method: 'DELETE', path: () => `/api/v1/tenants/${existingId}`, body: '{"reason":', status: 400, problem: 'malformed-json' },
  { name: 'delete: wrong type', method: 'DELETE', path: () => `/api/v1/tenants/${existingId}`, body: '{"reason": 1}', status: 400, problem: 'validation' },
  { name: 'delete: unknown field', method: 'DELETE', path: () => `/api/v1/tenants/${existingId}`, body: '{"reason": "x", "hard": true}', status: 400, problem: 'validation' },
  { name: 'delete: oversize body', method: 'DELETE', path: () => `/api/v1/tenants/${existingId}`, body: JSON.stringify({ reason: 'x'.repeat(5000) }), status: 413, problem: 'body-too-large' },
  { name: 'delete: invalid id', method: 'DELETE', path: () => '/api/v1/tenants/12345', status: 400, problem: 'validation' },
];

describe('bad input on every tenant route', () => {
  it.each(cases)('$name → $status $problem, nothing written', async (testCase) => {
    const before = await platform.countEvents();
    const headers: Record<string, string> = { ...owner.auth };
    if (testCase.body !== undefined) headers['content-type'] = testCase.contentType ?? json;
    if (testCase.name.includes('Idempotency-Key')) headers['Idempotency-Key'] = 'bad key with spaces';
    const response = await rawRequest(`${platform.url}${testCase.path()}`, testCase.method, headers, testCase.body);
    expect(response.status).toBe(testCase.status);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.body) as { type: string; status: number; title: string; errors?: unknown[] };
    expect(problem.type).toBe(`https://errors.platform.local/${testCase.problem}`);
    expect(problem.status).toBe(testCase.status);
    if (testCase.problem === 'validation') expect(problem.errors?.length).toBeGreaterThan(0);
    expect(await platform.countEvents()).toBe(before);
  });
});

describe('operational routes', () => {
  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${platform.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${platform.metricsUrl}/metrics`)).text();
    expect(metrics).toContain('platform_commands_total');
    expect(metrics).toMatch(/platform_projection_lag_events\{projection="tenants"\} \d+/);
    expect(metrics).toMatch(/platform_eventstore_reader_held_back_seconds \d/);
    const openApi = (await (await fetch(`${platform.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> };
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/api/v1/tenants', '/api/v1/tenants/{tenantId}']));
    expect(openApi.paths['/api/v1/tenants']!.post!.requestBody!.content['application/json']!.schema.properties).toHaveProperty('name');
  });

  it('echoes a well-formed correlation id and makes one otherwise', async () => {
    const echoed = await fetch(`${platform.url}/healthz`, { headers: { 'X-Correlation-Id': 'corr-123' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('corr-123');
    const replaced = await fetch(`${platform.url}/healthz`, { headers: { 'X-Correlation-Id': 'bad id <script>' } });
    expect(replaced.headers.get('x-correlation-id')).toBe(replaced.headers.get('x-request-id'));
  });
});
