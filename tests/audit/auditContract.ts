import { v7 } from 'uuid';
import type { AppendResult, EventStore, NewEvent } from '../../src/ports/eventStore';
import { formatLogPosition } from '../../src/ports/logPosition';
import { aggregateAt } from '../../src/projections/audit/aggregateAt';
import { aggregateDiff } from '../../src/projections/audit/aggregateDiff';
import { parseAuditPoint, type AuditPoint } from '../../src/projections/audit/auditPoint';
import { auditEntries, auditTimeline } from '../../src/projections/audit/auditTimeline';
import { correlationView } from '../../src/projections/audit/correlationView';

/** A small history every adapter must answer the same audit questions about. */
export async function seedHistory(store: EventStore) {
  const tenantId = v7();
  const otherTenantId = v7();
  const alice = `user-${v7()}`;
  const operator = `user-${v7()}`;
  const request = v7();
  const tenantStream = `tenant-${tenantId}`;
  const append = (stream: string, event: NewEvent, expectedVersion: 'no_stream' | number): Promise<AppendResult> =>
    store.appendToStream(stream, [event], { expectedVersion });
  const meta = (actor: string, correlationId: string, extra: Record<string, unknown> = {}) => ({ actor, correlationId, tenantId, commandId: v7(), ...extra });

  const created = await append(tenantStream, { type: 'TenantCreated', data: { tenantId, name: 'Acme', createdBy: alice }, metadata: meta(alice, v7()) }, 'no_stream');
  await new Promise((resolve) => setTimeout(resolve, 20));
  const betweenTime = new Date();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const renamedId = v7();
  const renamed = await append(tenantStream, { eventId: renamedId, type: 'TenantRenamed', data: { tenantId, name: 'Acme Ltd' }, metadata: meta(alice, request) }, 0);
  await append(`tenant-${otherTenantId}`, { type: 'TenantCreated', data: { tenantId: otherTenantId, name: 'Other', createdBy: 'someone' }, metadata: { actor: 'someone', correlationId: v7(), tenantId: otherTenantId } }, 'no_stream');
  const sagaStream = `saga-tenantLifecycle-${v7()}`;
  await append(sagaStream, { type: 'SagaStarted', data: { note: 'caused by the rename' }, metadata: meta('system:saga-tenant', request, { causationId: renamedId }) }, 'no_stream');
  const deleted = await append(tenantStream, { type: 'TenantDeleted', data: { tenantId, reason: 'fraud report 42' }, metadata: meta(operator, v7()) }, 1);
  return { tenantId, tenantStream, sagaStream, alice, operator, request, created, renamed, deleted, betweenTime };
}

export type History = Awaited<ReturnType<typeof seedHistory>>;
const at = (text: string): AuditPoint => parseAuditPoint(text)!;

/** The audit questions, asked of any EventStore (in memory in the unit suite, PostgreSQL in the other). */
export function auditContract(store: () => EventStore, history: () => History): void {
  it("a tenant's timeline says who did what, when and why, oldest first, in pages with a cursor", async () => {
    const h = history();
    const first = await auditTimeline(store(), { tenantId: h.tenantId }, { limit: 2 });
    expect(first.items.map((item) => item.type)).toEqual(['TenantCreated', 'TenantRenamed']);
    expect(first.items[0]).toMatchObject({ actor: h.alice, streamName: h.tenantStream, streamPosition: 0, position: formatLogPosition(h.created.position) });
    expect(first.nextCursor).not.toBeNull();
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await auditTimeline(store(), { tenantId: h.tenantId }, { limit: 2, cursor });
      rest.push(...page.items.map((item) => item.type));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(['SagaStarted', 'TenantDeleted']);
    const deleted = (await auditTimeline(store(), { tenantId: h.tenantId, types: ['TenantDeleted'] }, { limit: 10 })).items[0];
    expect(deleted).toMatchObject({ actor: h.operator, reason: 'fraud report 42', tenantId: h.tenantId });
  });

  it("an actor's and a stream's timelines, and a bounded scan that still hands back a cursor", async () => {
    const h = history();
    const byAlice = await auditTimeline(store(), { actor: h.alice }, { limit: 10 });
    expect(byAlice.items.map((item) => item.type)).toEqual(['TenantCreated', 'TenantRenamed']);
    const stream = await auditTimeline(store(), { stream: h.tenantStream }, { limit: 2 });
    expect(stream.items.map((item) => item.streamPosition)).toEqual([0, 1]);
    const tail = await auditTimeline(store(), { stream: h.tenantStream }, { limit: 2, cursor: stream.nextCursor! });
    expect(tail).toMatchObject({ items: [expect.objectContaining({ type: 'TenantDeleted' })], nextCursor: null });
    const since = await auditTimeline(store(), { stream: h.tenantStream, since: h.betweenTime }, { limit: 10 });
    expect(since.items.map((item) => item.type)).toEqual(['TenantRenamed', 'TenantDeleted']);
    const bounded = await auditTimeline(store(), { actor: 'nobody' }, { limit: 10, scanLimit: 2 });
    expect(bounded).toMatchObject({ items: [], scanned: 2 });
    expect(bounded.nextCursor).not.toBeNull();
  });

  it('the state of an aggregate at a position, a time and a version, folded with its decider', async () => {
    const h = history();
    const atCreation = await aggregateAt(store(), h.tenantStream, { kind: 'position', position: h.created.position });
    expect(atCreation).toMatchObject({ version: 0, currentVersion: 2, foldable: true, state: expect.objectContaining({ name: 'Acme' }) });
    const beforeRename = await aggregateAt(store(), h.tenantStream, { kind: 'time', time: h.betweenTime });
    expect(beforeRename.state).toEqual(atCreation.state);
    const renamed = await aggregateAt(store(), h.tenantStream, at(formatLogPosition(h.renamed.position)));
    expect(renamed).toMatchObject({ version: 1, state: expect.objectContaining({ name: 'Acme Ltd' }), lastEvent: expect.objectContaining({ type: 'TenantRenamed' }) });
    expect(await aggregateAt(store(), h.tenantStream, at('v2'))).toMatchObject({ version: 2, state: expect.objectContaining({ status: 'deleted' }) });
    expect(await aggregateAt(store(), h.tenantStream, at('2000-01-01T00:00:00Z'))).toMatchObject({ version: -1, lastEvent: null });
    expect(await aggregateAt(store(), h.sagaStream, at('now'))).toMatchObject({ foldable: false, state: null, version: 0 });
    await expect(aggregateAt(store(), 'tenant-00000000-0000-7000-8000-000000000000', at('now'))).rejects.toThrow('was not found');
  });

  it('a diff between two points: the changed fields and the events that changed them', async () => {
    const h = history();
    const diff = await aggregateDiff(store(), h.tenantStream, at('v0'), { kind: 'position', position: h.deleted.position });
    expect(diff.events.map((event) => event.type)).toEqual(['TenantRenamed', 'TenantDeleted']);
    expect(diff.changes).toEqual(expect.arrayContaining([{ path: 'name', before: 'Acme', after: 'Acme Ltd' }]));
    expect(diff.changes.map((change) => change.path)).toContain('status');
  });

  it('everything that followed one request, with the causation depth, and an export of every page', async () => {
    const h = history();
    const view = await correlationView(store(), h.request);
    expect(view.items.map((item) => [item.type, item.depth])).toEqual([['TenantRenamed', 0], ['SagaStarted', 1]]);
    expect(view.actors).toEqual([h.alice, 'system:saga-tenant']);
    expect(view.streams).toEqual([h.tenantStream, h.sagaStream]);
    const exported: string[] = [];
    for await (const entry of auditEntries(store(), { tenantId: h.tenantId })) exported.push(JSON.stringify(entry));
    expect(exported.map((line) => (JSON.parse(line) as { type: string }).type)).toEqual(['TenantCreated', 'TenantRenamed', 'SagaStarted', 'TenantDeleted']);
  });
}
