import { sql } from 'kysely';
import type { UserDirectory } from '../../ports/identityStores';
import type { ProjectionDb } from '../runtime/projection';
import { servingTableNames } from '../runtime/servingTableNames';
import { usersProjection } from './usersProjection';

interface UserRow {
  user_id: string;
  email: string;
  display_name: string;
  operator: boolean;
  created_at: Date;
}

/** Queries over the `users` read model. */
export function createUserDirectory(db: ProjectionDb, schema: string): UserDirectory {
  const { users } = servingTableNames(usersProjection, schema);
  const table = sql.id(users.schema, users.name);
  return {
    async isOperator(userId) {
      const { rows } = await sql<{ operator: boolean }>`SELECT operator FROM ${table} WHERE user_id = ${userId}`.execute(db);
      return rows[0]?.operator === true;
    },
    async getUser(userId) {
      const { rows } = await sql<UserRow>`SELECT user_id, email, display_name, operator, created_at FROM ${table} WHERE user_id = ${userId}`.execute(db);
      const row = rows[0];
      return row ? { userId: row.user_id, email: row.email, displayName: row.display_name, operator: row.operator, createdAt: row.created_at } : null;
    },
    async findByEmail(email) {
      const { rows } = await sql<{ user_id: string }>`SELECT user_id FROM ${table} WHERE email = ${email}`.execute(db);
      return rows[0] ? { userId: rows[0].user_id } : null;
    },
  };
}
