import type { CliContext } from '../../../src/api/cli/cliContext';
import { createCliContext } from '../../../src/wiring/createCliContext';
import { eventsTail } from '../../../src/api/cli/eventsTail';
import { projectionsRebuild } from '../../../src/api/cli/projectionsRebuild';
import { projectionsStatus } from '../../../src/api/cli/projectionsStatus';
import { streamShow } from '../../../src/api/cli/streamShow';
import { signUp, type SignedUpUser } from '../../support/signUp';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';

let platform: TestPlatform;
let context: CliContext;
let tenantId: string;
let owner: SignedUpUser;

async function send(method: string, path: string, body: unknown) {
  const response = await fetch(`${platform.url}${path}`, { method, headers: { 'content-type': 'application/json', ...owner.auth }, body: JSON.stringify(body) });
  return (await response.json()) as { tenantId: string; position: string };
}

beforeAll(async () => {
  platform = await startTestPlatform();
  context = await createCliContext(platform.config);
  owner = await signUp(platform.url);
  tenantId = (await send('POST', '/api/v1/tenants', { name: 'First Name' })).tenantId;
  await send('PUT', `/api/v1/tenants/${tenantId}`, { name: 'Second Name' });
  await send('PUT', `/api/v1/tenants/${tenantId}`, { name: 'Third Name' });
});
afterAll(async () => {
  await context.close();
  await platform.stop();
});

function collect() {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

describe('operator CLI', () => {
  it('stream show folds the aggregate up to --at (time travel)', async () => {
    const now = collect();
    expect(await streamShow(context.store, `tenant-${tenantId}`, {}, now.write)).toBe(true);
    expect(now.lines.join('\n')).toContain('"name": "Third Name"');

    const then = collect();
    await streamShow(context.store, `tenant-${tenantId}`, { at: 1 }, then.write);
    const output = then.lines.join('\n');
    expect(output).toContain('State at version 1 of 2');
    expect(output).toContain('"name": "Second Name"');
    expect(output).not.toContain('#2 ');
    expect(output).not.toContain('Third Name');
  });

  it('stream show says when a stream does not exist', async () => {
    const out = collect();
    expect(await streamShow(context.store, 'tenant-00000000-0000-0000-0000-000000000000', {}, out.write)).toBe(false);
    expect(out.lines[0]).toMatch(/does not exist/);
  });

  it('events tail prints the last events and follows new ones', async () => {
    const out = collect();
    const subscription = await eventsTail(context.store, { last: 2 }, out.write);
    await waitFor(() => out.lines.length >= 2);
    expect(out.lines[0]).toContain('TenantRenamed');
    const created = await send('POST', '/api/v1/tenants', { name: 'Tailed Co' });
    await waitFor(() => out.lines.some((line) => line.includes(created.tenantId)));
    await subscription.stop();
    expect(out.lines.filter((line) => line.includes('TenantRenamed'))).toHaveLength(2);
  });

  it('projections status and rebuild: same rows after the rebuild, progress reported', async () => {
    await waitFor(async () => {
      const status = collect();
      await projectionsStatus(context, status.write);
      return status.lines.some((line) => /^tenants\t1\t\S+\t0\t/.test(line));
    });
    const before = await platform.countEvents();
    const rowsBefore = await context.pool.query(`SELECT tenant_id, name, status FROM "${platform.config.READMODEL_SCHEMA}".tenants ORDER BY tenant_id`);

    const out = collect();
    const result = await projectionsRebuild(context, 'tenants', out.write, false);
    expect(result?.eventsProcessed).toBe(before);
    expect(out.lines.at(-1)).toMatch(/^Rebuilt tenants: \d+ events/);
    const rowsAfter = await context.pool.query(`SELECT tenant_id, name, status FROM "${platform.config.READMODEL_SCHEMA}".tenants ORDER BY tenant_id`);
    expect(rowsAfter.rows).toEqual(rowsBefore.rows);

    const unknown = collect();
    expect(await projectionsRebuild(context, 'nope', unknown.write, false)).toBeNull();
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
