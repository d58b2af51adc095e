import type { RecordedEvent } from '../../ports/eventStore';
import { tenantEventTypes, type TenantEvent } from '../../domain/tenant/tenantEvents';
import { tenantCategory } from '../../domain/tenant/tenantStream';
import { isStreamOf } from '../../domain/shared/streamNames';

/** Where a row stands after its last event: stream version and `$all` position. */
export interface TenantRowMeta {
  updatedAt: string;
  version: number;
  lastTransactionId: number;
  lastGlobalPosition: number;
}

export interface TenantRecord extends TenantRowMeta {
  tenantId: string;
  name: string;
  status: 'active' | 'deleted';
  deletedReason: string | null;
  createdBy: string;
  createdAt: string;
}

/** Changes to a row that existed before the batch; absent fields keep their stored value. */
export interface TenantPatch extends TenantRowMeta {
  tenantId: string;
  name: string | null;
  deletedReason: string | null;
  deleted: boolean;
}

export interface TenantChanges {
  /** Tenants created in this batch, with the batch's later events already applied. */
  upserts: TenantRecord[];
  patches: TenantPatch[];
}

type RecordedTenantEvent = RecordedEvent & TenantEvent;
const handledTypes: ReadonlySet<string> = new Set(tenantEventTypes);

function isTenantEvent(event: RecordedEvent): event is RecordedTenantEvent {
  return handledTypes.has(event.type) && isStreamOf(tenantCategory, event.streamName);
}

/** Folds a batch into at most one write per tenant, so the batch costs two multi-row statements
 * instead of a round trip per event. Follows the domain's evolve: a rename after a delete is ignored.
 * The result depends only on the events, never on where batch boundaries fall. */
export function foldTenantEvents(events: readonly RecordedEvent[]): TenantChanges {
  const upserts = new Map<string, TenantRecord>();
  const patches = new Map<string, TenantPatch>();
  const patchFor = (tenantId: string, meta: TenantRowMeta): TenantPatch => {
    const patch = patches.get(tenantId) ?? { tenantId, name: null, deletedReason: null, deleted: false, ...meta };
    patches.set(tenantId, patch);
    return patch;
  };

  for (const event of events) {
    if (!isTenantEvent(event)) continue;
    const meta: TenantRowMeta = {
      updatedAt: event.createdAt.toISOString(),
      version: event.streamPosition,
      lastTransactionId: event.position.transactionId,
      lastGlobalPosition: event.position.globalPosition,
    };
    const tenantId = event.data.tenantId;
    const created = upserts.get(tenantId);
    switch (event.type) {
      case 'TenantCreated': {
        const { name, createdBy } = event.data;
        patches.delete(tenantId);
        upserts.set(tenantId, { tenantId, name, status: 'active', deletedReason: null, createdBy, createdAt: meta.updatedAt, ...meta });
        break;
      }
      case 'TenantRenamed':
        if (created) Object.assign(created, created.status === 'active' ? { name: event.data.name } : {}, meta);
        else {
          const patch = patchFor(tenantId, meta);
          Object.assign(patch, patch.deleted ? {} : { name: event.data.name }, meta);
        }
        break;
      case 'TenantDeleted':
        if (created) Object.assign(created, { status: 'deleted', deletedReason: event.data.reason }, meta);
        else Object.assign(patchFor(tenantId, meta), { deleted: true, deletedReason: event.data.reason }, meta);
        break;
      default: {
        const unknownEvent: never = event;
        return unknownEvent;
      }
    }
  }
  return { upserts: [...upserts.values()], patches: [...patches.values()] };
}
