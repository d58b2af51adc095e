import { sql } from 'kysely';
import type { EventStore } from '../ports/eventStore';
import type { TokenVault } from '../ports/identityStores';
import { loadInstanceState } from '../commands/loadInstanceState';
import { tenantDecider } from '../domain/tenant/tenantDecider';
import type { PositionWaiter } from '../projections/runtime/createPositionWaiter';
import type { ProjectionDb } from '../projections/runtime/projection';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { tenantMembersProjection } from '../projections/tenantMembers/tenantMembersProjection';
import { usersProjection } from '../projections/users/usersProjection';
import type { NotifierLookups, Recipient } from './notifierLookups';
import { tenantStream } from '../domain/tenant/tenantStream';
import { aggregateStream } from '../commands/aggregateStream';

export interface NotifierLookupDeps {
  db: ProjectionDb;
  readModelSchema: string;
  store: EventStore;
  vault: TokenVault;
  waiter: PositionWaiter;
  readModelWaitMs: number;
}

interface UserRow {
  user_id: string;
  email: string;
  display_name: string;
}

const toRecipient = (row: UserRow): Recipient => ({ key: `user:${row.user_id}`, userId: row.user_id, email: row.email, name: row.display_name });

export function createNotifierLookups(deps: NotifierLookupDeps): NotifierLookups {
  // Resolved per call: a projection rebuild swaps the serving tables underneath.
  const tables = () => ({
    users: servingTableNames(usersProjection, deps.readModelSchema).users,
    members: servingTableNames(tenantMembersProjection, deps.readModelSchema).tenant_members,
  });
  return {
    async user(userId) {
      const { users } = tables();
      const { rows } = await sql<UserRow>`SELECT user_id::text, email, display_name FROM ${sql.id(users.schema, users.name)} WHERE user_id = ${userId}::uuid`.execute(deps.db);
      return rows[0] ? toRecipient(rows[0]) : null;
    },
    async tenantAdmins(tenantId) {
      const { users, members } = tables();
      const { rows } = await sql<UserRow>`
        SELECT u.user_id::text, u.email, u.display_name
        FROM ${sql.id(members.schema, members.name)} m
        JOIN ${sql.id(users.schema, users.name)} u ON u.user_id::text = m.user_id
        WHERE m.tenant_id = ${tenantId}::uuid AND m.role IN ('owner', 'admin')
        ORDER BY m.role DESC, m.joined_at, u.user_id`.execute(deps.db);
      return rows.map(toRecipient);
    },
    async instance(instanceId) {
      const state = await loadInstanceState(deps.store, instanceId);
      return state.status === 'absent' ? null : state;
    },
    async tenantName(tenantId) {
      const state = await aggregateStream(deps.store, tenantDecider, tenantStream(tenantId));
      return state.status === 'absent' ? null : state.name;
    },
    takeToken: (reference) => deps.vault.take(reference),
    forgetToken: (reference) => deps.vault.remove(reference),
    async readModelsReached(position) {
      const [users, members] = await Promise.all([
        deps.waiter.waitForPosition(usersProjection.name, position, deps.readModelWaitMs),
        deps.waiter.waitForPosition(tenantMembersProjection.name, position, deps.readModelWaitMs),
      ]);
      return users && members;
    },
  };
}
