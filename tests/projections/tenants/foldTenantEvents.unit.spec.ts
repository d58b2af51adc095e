import type { RecordedEvent } from '../../../src/ports/eventStore';
import type { TenantEvent } from '../../../src/domain/tenant/tenantEvents';
import { foldTenantEvents } from '../../../src/projections/tenants/foldTenantEvents';

const t1 = '01890000-0000-7000-8000-000000000001';
const t2 = '01890000-0000-7000-8000-000000000002';
let position = 0;
const versions = new Map<string, number>();

function recorded(event: TenantEvent): RecordedEvent {
  position += 1;
  const stream = `tenant-${event.data.tenantId}`;
  const version = (versions.get(stream) ?? -1) + 1;
  versions.set(stream, version);
  return {
    ...event,
    eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
    metadata: {},
    streamName: stream,
    streamPosition: version,
    position: { transactionId: 100 + position, globalPosition: position },
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, position)),
  };
}

const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, second)).toISOString();

beforeEach(() => {
  position = 0;
  versions.clear();
});

describe('foldTenantEvents', () => {
  it('folds a create with later events of the same batch into one upsert', () => {
    const changes = foldTenantEvents([
      recorded({ type: 'TenantCreated', data: { tenantId: t1, name: 'Acme', createdBy: 'user-1' } }),
      recorded({ type: 'TenantRenamed', data: { tenantId: t1, name: 'Acme Ltd' } }),
      recorded({ type: 'TenantDeleted', data: { tenantId: t1, reason: 'closed' } }),
    ]);
    expect(changes.patches).toEqual([]);
    expect(changes.upserts).toEqual([
      {
        tenantId: t1, name: 'Acme Ltd', status: 'deleted', deletedReason: 'closed', createdBy: 'user-1',
        createdAt: at(1), updatedAt: at(3), version: 2, lastTransactionId: 103, lastGlobalPosition: 3,
      },
    ]);
  });

  it('turns events of tenants created in earlier batches into patches', () => {
    recorded({ type: 'TenantCreated', data: { tenantId: t2, name: 'Old', createdBy: 'u' } });
    const changes = foldTenantEvents([
      recorded({ type: 'TenantRenamed', data: { tenantId: t2, name: 'New' } }),
      recorded({ type: 'TenantRenamed', data: { tenantId: t2, name: 'Newer' } }),
    ]);
    expect(changes.upserts).toEqual([]);
    expect(changes.patches).toEqual([
      { tenantId: t2, name: 'Newer', deleted: false, deletedReason: null, updatedAt: at(3), version: 2, lastTransactionId: 103, lastGlobalPosition: 3 },
    ]);
  });

  it('ignores a rename after a delete, like the domain evolve', () => {
    recorded({ type: 'TenantCreated', data: { tenantId: t2, name: 'Old', createdBy: 'u' } });
    const changes = foldTenantEvents([
      recorded({ type: 'TenantDeleted', data: { tenantId: t2, reason: 'gone' } }),
      recorded({ type: 'TenantRenamed', data: { tenantId: t2, name: 'Ghost' } }),
    ]);
    expect(changes.patches).toEqual([expect.objectContaining({ name: null, deleted: true, deletedReason: 'gone', version: 2 })]);
  });

  it('skips events of other categories and types', () => {
    const other: RecordedEvent = { ...recorded({ type: 'TenantCreated', data: { tenantId: t1, name: 'x', createdBy: 'u' } }), streamName: `user-${t1}` };
    const unrelated: RecordedEvent = { ...other, streamName: `tenant-${t1}`, type: 'InstanceStarted' };
    expect(foldTenantEvents([other, unrelated])).toEqual({ upserts: [], patches: [] });
  });
});
