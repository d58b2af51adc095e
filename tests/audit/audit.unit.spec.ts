import { createInMemoryEventStore } from '../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import type { EventStore } from '../../src/ports/eventStore';
import { parseAuditPoint } from '../../src/projections/audit/auditPoint';
import { diffJson } from '../../src/projections/audit/diffJson';
import { auditContract, seedHistory, type History } from './auditContract';

let store: EventStore;
let history: History;
beforeAll(async () => {
  store = createInMemoryEventStore();
  history = await seedHistory(store);
});
afterAll(() => store.close());

describe('audit over the in-memory event store', () => auditContract(() => store, () => history));

test('points in history are positions, times, versions or now', () => {
  expect(parseAuditPoint('812.4051')).toEqual({ kind: 'position', position: { transactionId: 812, globalPosition: 4051 } });
  expect(parseAuditPoint('2026-12-07T10:00:00Z')).toEqual({ kind: 'time', time: new Date('2026-12-07T10:00:00Z') });
  expect(parseAuditPoint('v3')).toEqual({ kind: 'version', version: 3 });
  expect(parseAuditPoint(undefined)).toEqual({ kind: 'now' });
  expect(parseAuditPoint('yesterday')).toBeNull();
});

test('a JSON diff names added, removed and changed leaves', () => {
  expect(diffJson({ a: 1, b: { c: [1, 2] }, gone: true }, { a: 1, b: { c: [1, 3, 4] }, added: 'x' })).toEqual([
    { path: 'added', after: 'x' }, { path: 'b.c[1]', before: 2, after: 3 }, { path: 'b.c[2]', after: 4 }, { path: 'gone', before: true },
  ]);
});
