import { sql } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';
import type { UserEvent } from '../../domain/user/userEvents';
import type { Projection, ProjectionTransaction, TableNames } from '../runtime/projection';
import { userCategory } from '../../domain/user/userStream';
import { isStreamOf } from '../../domain/shared/streamNames';

interface UserRow {
  userId: string;
  email: string | null;
  displayName: string | null;
  operator: boolean | null;
  createdAt: string | null;
  updatedAt: string;
}

/** Folds a batch into one row change per user (absent fields keep their stored value), written by
 * one multi-row upsert: no round trip per event. */
function foldUsers(events: readonly RecordedEvent[]): UserRow[] {
  const rows = new Map<string, UserRow>();
  for (const recorded of events) {
    if (!isStreamOf(userCategory, recorded.streamName)) continue;
    const event = recorded as unknown as UserEvent;
    const updatedAt = recorded.createdAt.toISOString();
    const row = rows.get(event.data.userId) ?? { userId: event.data.userId, email: null, displayName: null, operator: null, createdAt: null, updatedAt };
    row.updatedAt = updatedAt;
    if (event.type === 'UserRegistered') Object.assign(row, { email: event.data.email, displayName: event.data.displayName, operator: false, createdAt: updatedAt });
    else if (event.type === 'UserProfileUpdated') row.displayName = event.data.displayName;
    else if (event.type === 'OperatorRoleGranted') row.operator = true;
    else if (event.type === 'OperatorRoleRevoked') row.operator = false;
    else continue;
    rows.set(event.data.userId, row);
  }
  return [...rows.values()];
}

/** The `users` read model: profile and platform role, for /auth/me, member lists and the
 * operator check on each request. No credential of any kind. */
export const usersProjection: Projection<'users'> = {
  name: 'users',
  version: 1,
  streamCategories: ['user'],
  tables: ['users'],
  async migrate(trx: ProjectionTransaction, tables: TableNames<'users'>) {
    const { schema, name } = tables.users;
    await sql`CREATE TABLE ${sql.id(schema, name)} (
      user_id uuid PRIMARY KEY,
      email text NOT NULL,
      display_name text NOT NULL,
      operator boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`.execute(trx);
    await sql`CREATE INDEX ${sql.id(`${name}_email_idx`)} ON ${sql.id(schema, name)} (email)`.execute(trx);
  },
  async handle(events, trx, tables) {
    const rows = foldUsers(events);
    if (rows.length === 0) return;
    // Rows without created_at are updates of users registered in an earlier batch.
    await sql`
      INSERT INTO ${sql.id(tables.users.schema, tables.users.name)} AS t (user_id, email, display_name, operator, created_at, updated_at)
      SELECT * FROM unnest(${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.email)}::text[], ${rows.map((r) => r.displayName)}::text[],
        ${rows.map((r) => r.operator)}::boolean[], ${rows.map((r) => r.createdAt)}::timestamptz[], ${rows.map((r) => r.updatedAt)}::timestamptz[])
      AS u(user_id, email, display_name, operator, created_at, updated_at)
      WHERE u.created_at IS NOT NULL
      ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
        operator = EXCLUDED.operator, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`.execute(trx);
    await sql`
      UPDATE ${sql.id(tables.users.schema, tables.users.name)} AS t SET
        display_name = coalesce(u.display_name, t.display_name), operator = coalesce(u.operator, t.operator), updated_at = u.updated_at
      FROM unnest(${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.displayName)}::text[], ${rows.map((r) => r.operator)}::boolean[],
        ${rows.map((r) => r.createdAt)}::timestamptz[], ${rows.map((r) => r.updatedAt)}::timestamptz[])
      AS u(user_id, display_name, operator, created_at, updated_at)
      WHERE t.user_id = u.user_id AND u.created_at IS NULL`.execute(trx);
  },
};
