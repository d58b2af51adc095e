import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';

let platform: TestPlatform;
let owner: SignedUpUser;
beforeAll(async () => {
  platform = await startTestPlatform('all', { READ_YOUR_WRITES_TIMEOUT_MS: '3000' });
  owner = await signUp(platform.url);
});
afterAll(async () => {
  await platform.stop();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: body === undefined ? { ...owner.auth, ...headers } : { 'content-type': 'application/json', ...owner.auth, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('tenants over HTTP', () => {
  it('creates, reads back with minPosition, renames, soft-deletes', async () => {
    const created = await call('POST', '/api/v1/tenants', { name: 'Masvingo Mills' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/tenants/${created.body.tenantId}`);
    const id = created.body.tenantId as string;

    const read = await call('GET', `/api/v1/tenants/${id}?minPosition=${created.body.position}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ tenantId: id, name: 'Masvingo Mills', status: 'active', createdBy: owner.userId, version: 0 });

    const renamed = await call('PUT', `/api/v1/tenants/${id}`, { name: 'Masvingo Milling' });
    expect(renamed.status).toBe(200);
    const afterRename = await call('GET', `/api/v1/tenants/${id}`, undefined, { 'X-Min-Position': renamed.body.position });
    expect(afterRename.body.name).toBe('Masvingo Milling');

    const deleted = await call('DELETE', `/api/v1/tenants/${id}`, { reason: 'moved to another provider' });
    expect(deleted.status).toBe(200);
    const list = await call('GET', `/api/v1/tenants?minPosition=${deleted.body.position}`);
    expect(list.body.items.map((t: { tenantId: string }) => t.tenantId)).not.toContain(id);
    // Its members still see that it was deleted, and why, in their list…
    const withDeleted = await call('GET', '/api/v1/tenants?includeDeleted=true');
    expect(withDeleted.body.items.find((t: { tenantId: string }) => t.tenantId === id)).toMatchObject({ status: 'deleted', deletedReason: 'moved to another provider' });

    // …but every decision about it is refused (docs/decisions/044).
    for (const [method, body] of [['GET', undefined], ['PUT', { name: 'Too Late' }]] as const) {
      const refused = await call(method, `/api/v1/tenants/${id}`, body);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: 'https://errors.platform.local/forbidden', status: 403, detail: 'this tenant was deleted' });
    }
  });

  it('pages with a cursor', async () => {
    const ids: string[] = [];
    let position = '';
    for (const name of ['Page One', 'Page Two', 'Page Three']) {
      const created = await call('POST', '/api/v1/tenants', { name });
      ids.push(created.body.tenantId);
      position = created.body.position;
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ tenantId: string }>; nextCursor: string | null } } =
        await call('GET', `/api/v1/tenants?limit=2&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((t) => t.tenantId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('replays a repeated Idempotency-Key without writing again', async () => {
    const headers = { 'Idempotency-Key': `create-once-${Date.now()}` };
    const first = await call('POST', '/api/v1/tenants', { name: 'Once Only' }, headers);
    const before = await platform.countEvents();
    const second = await call('POST', '/api/v1/tenants', { name: 'Once Only' }, headers);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(await platform.countEvents()).toBe(before);

    const reused = await call('POST', '/api/v1/tenants', { name: 'Something Else' }, headers);
    expect(reused.status).toBe(422);
    expect(await platform.countEvents()).toBe(before);
  });

  it('answers 404 problem for an unknown tenant and an unknown route', async () => {
    const missing = await call('GET', '/api/v1/tenants/01900000-0000-7000-8000-00000000dead');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'https://errors.platform.local/not-found', status: 404 });
    const renameMissing = await call('PUT', '/api/v1/tenants/01900000-0000-7000-8000-00000000dead', { name: 'Ghost' });
    expect(renameMissing.status).toBe(404);
    const noRoute = await call('GET', '/api/v1/nothing-here');
    expect(noRoute.status).toBe(404);
    expect(noRoute.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('answers 503 with Retry-After when a read model cannot reach minPosition in time', async () => {
    const farAhead = await call('GET', '/api/v1/tenants?minPosition=999999999.1');
    expect(farAhead.status).toBe(503);
    expect(farAhead.headers.get('retry-after')).toBe('1');
  }, 15000);
});
