import { sql } from 'kysely';
import type { ProjectionDb } from '../runtime/projection';
import { servingTableNames } from '../runtime/servingTableNames';
import { usersProjection } from '../users/usersProjection';
import { tenantMembersProjection } from './tenantMembersProjection';

export interface MemberView {
  userId: string;
  role: 'owner' | 'admin' | 'member';
  joinedAt: Date;
  email: string | null;
  displayName: string | null;
}

export interface MemberQueries {
  listMembers(tenantId: string): Promise<MemberView[]>;
  /** Every tenant the user belongs to (for "my tenants"). */
  tenantIdsOf(userId: string): Promise<string[]>;
}

/** Member lists join the `users` read model for names: both live in the read-model schema. A user
 * not projected yet shows with null email and name rather than missing from the list. */
export function createMemberQueries(db: ProjectionDb, schema: string): MemberQueries {
  const members = servingTableNames(tenantMembersProjection, schema).tenant_members;
  const users = servingTableNames(usersProjection, schema).users;
  return {
    async listMembers(tenantId) {
      const { rows } = await sql<{ user_id: string; role: MemberView['role']; joined_at: Date; email: string | null; display_name: string | null }>`
        SELECT m.user_id, m.role, m.joined_at, u.email, u.display_name
        FROM ${sql.id(members.schema, members.name)} m
        LEFT JOIN ${sql.id(users.schema, users.name)} u ON u.user_id::text = m.user_id
        WHERE m.tenant_id = ${tenantId} ORDER BY m.joined_at, m.user_id`.execute(db);
      return rows.map((r) => ({ userId: r.user_id, role: r.role, joinedAt: r.joined_at, email: r.email, displayName: r.display_name }));
    },
    async tenantIdsOf(userId) {
      const { rows } = await sql<{ tenant_id: string }>`
        SELECT tenant_id FROM ${sql.id(members.schema, members.name)} WHERE user_id = ${userId} ORDER BY tenant_id`.execute(db);
      return rows.map((r) => r.tenant_id);
    },
  };
}
