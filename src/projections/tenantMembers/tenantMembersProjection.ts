import { sql } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';
import type { TenantAggregateEvent } from '../../domain/tenant/tenantEvents';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { tenantCategory } from '../../domain/tenant/tenantStream';
import { isStreamOf } from '../../domain/shared/streamNames';

interface MemberChange {
  tenantId: string;
  userId: string;
  /** null = no longer a member. */
  role: string | null;
  /** Set when the member (re)joined in this batch; null keeps the stored value. */
  joinedAt: string | null;
}

/** The final state of each (tenant, user) pair touched by the batch, in `$all` order. */
function foldMembers(events: readonly RecordedEvent[]): MemberChange[] {
  const changes = new Map<string, MemberChange>();
  const set = (tenantId: string, userId: string, role: string | null, joinedAt: string | null) => {
    const key = `${tenantId}/${userId}`;
    const previous = changes.get(key);
    changes.set(key, { tenantId, userId, role, joinedAt: joinedAt ?? (role === null ? null : previous?.joinedAt ?? null) });
  };
  for (const recorded of events) {
    if (!isStreamOf(tenantCategory, recorded.streamName)) continue;
    const event = recorded as unknown as TenantAggregateEvent;
    const at = recorded.createdAt.toISOString();
    switch (event.type) {
      case 'TenantCreated':
        set(event.data.tenantId, event.data.ownerId ?? event.data.createdBy, 'owner', at);
        break;
      case 'MemberJoined':
        set(event.data.tenantId, event.data.userId, event.data.role, at);
        break;
      case 'MemberRemoved':
        set(event.data.tenantId, event.data.userId, null, null);
        break;
      case 'OwnershipTransferred':
        set(event.data.tenantId, event.data.previousOwnerId, 'admin', null);
        set(event.data.tenantId, event.data.newOwnerId, 'owner', null);
        break;
      default:
        break;
    }
  }
  return [...changes.values()];
}

/** The `tenant_members` read model: who belongs to which tenant with which role. Serves member lists
 * and "my tenants"; authorization itself reads the tenant aggregate, never this lagging copy. */
export const tenantMembersProjection: Projection<'tenant_members'> = {
  name: 'tenant_members',
  version: 1,
  streamCategories: ['tenant'],
  tables: ['tenant_members'],
  async migrate(trx: ProjectionTransaction, tables: TableNames<'tenant_members'>) {
    const { schema, name } = tables.tenant_members;
    await sql`CREATE TABLE ${sql.id(schema, name)} (
      tenant_id uuid NOT NULL,
      user_id text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
      joined_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, user_id)
    )`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${name}_user_idx`)} ON ${sql.id(schema, name)} (user_id)`.execute(trx);
  },
  async handle(events, trx, tables) {
    const changes = foldMembers(events);
    const table = sql.id(tables.tenant_members.schema, tables.tenant_members.name);
    const removed = changes.filter((c) => c.role === null);
    if (removed.length > 0) {
      await sql`DELETE FROM ${table} AS t USING unnest(${removed.map((c) => c.tenantId)}::uuid[], ${removed.map((c) => c.userId)}::text[]) AS r(tenant_id, user_id)
        WHERE t.tenant_id = r.tenant_id AND t.user_id = r.user_id`.execute(trx);
    }
    const joined = changes.filter((c) => c.role !== null && c.joinedAt !== null);
    if (joined.length > 0) {
      await sql`
        INSERT INTO ${table} (tenant_id, user_id, role, joined_at)
        SELECT * FROM unnest(${joined.map((c) => c.tenantId)}::uuid[], ${joined.map((c) => c.userId)}::text[],
          ${joined.map((c) => c.role)}::text[], ${joined.map((c) => c.joinedAt)}::timestamptz[])
        ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role, joined_at = EXCLUDED.joined_at`.execute(trx);
    }
    // A role change without a join (ownership transfer) lands on a row from an earlier batch.
    const roleOnly = changes.filter((c) => c.role !== null && c.joinedAt === null);
    if (roleOnly.length > 0) {
      await sql`
        UPDATE ${table} AS t SET role = r.role
        FROM unnest(${roleOnly.map((c) => c.tenantId)}::uuid[], ${roleOnly.map((c) => c.userId)}::text[], ${roleOnly.map((c) => c.role)}::text[]) AS r(tenant_id, user_id, role)
        WHERE t.tenant_id = r.tenant_id AND t.user_id = r.user_id`.execute(trx);
    }
  },
};
