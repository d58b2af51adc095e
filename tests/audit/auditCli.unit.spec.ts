import { createInMemoryEventStore } from '../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { auditAtCommand, auditDiffCommand, auditExportCommand, auditTimelineCommand } from '../../src/api/cli/auditCommands';
import type { EventStore } from '../../src/ports/eventStore';
import { parseAuditPoint } from '../../src/projections/audit/auditPoint';
import { seedHistory, type History } from './auditContract';

let store: EventStore;
let history: History;
beforeAll(async () => {
  store = createInMemoryEventStore();
  history = await seedHistory(store);
});
afterAll(() => store.close());

function output() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: { write: (line: string) => { stdout.push(line); }, error: (line: string) => { stderr.push(line); } } };
}

test('timeline prints who did what and why, one line each, and the next cursor; --json prints the page', async () => {
  const text = output();
  expect(await auditTimelineCommand(store, { tenantId: history.tenantId }, { limit: 3 }, text.out)).toBe(true);
  expect(text.stdout[0]).toMatch(new RegExp(`@\\d+\\.\\d+ ${history.tenantStream}#0 TenantCreated actor=${history.alice} correlation=\\S+ causation=-`));
  expect(text.stdout.at(-1)).toMatch(/^next page: --cursor \d+\.\d+$/);
  const json = output();
  await auditTimelineCommand(store, { tenantId: history.tenantId, types: ['TenantDeleted'] }, { limit: 10, json: true }, json.out);
  expect(JSON.parse(json.stdout[0]!)).toMatchObject({ items: [{ type: 'TenantDeleted', reason: 'fraud report 42', actor: history.operator }], nextCursor: null });
});

test('at and diff print the state and the changes; an unknown stream fails on stderr', async () => {
  const at = output();
  expect(await auditAtCommand(store, history.tenantStream, parseAuditPoint('v0')!, {}, at.out)).toBe(true);
  expect(at.stdout[0]).toBe(`${history.tenantStream} at v0: version 0 of 2`);
  expect(at.stdout.join('\n')).toContain('"name": "Acme"');
  const diff = output();
  await auditDiffCommand(store, history.tenantStream, parseAuditPoint('v0')!, parseAuditPoint('v1')!, { json: true }, diff.out);
  expect(JSON.parse(diff.stdout[0]!)).toMatchObject({ changes: [{ path: 'name', before: 'Acme', after: 'Acme Ltd' }] });
  const missing = output();
  expect(await auditAtCommand(store, 'tenant-nothing', parseAuditPoint('now')!, {}, missing.out)).toBe(false);
  expect(missing).toMatchObject({ stdout: [], stderr: ['Stream tenant-nothing was not found'] });
});

test('export writes JSON lines', async () => {
  const exported = output();
  await auditExportCommand(store, { actor: history.alice }, exported.out);
  expect(exported.stdout.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['TenantCreated', 'TenantRenamed']);
});
