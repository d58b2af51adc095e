import type pg from 'pg';
import type { AccountStore } from '../../ports/identityStores';

interface AccountRow {
  user_id: string;
  email: string;
  password_hash: string;
  created_at: Date;
}

export function createPostgresAccountStore(pool: pg.Pool, schema: string): AccountStore {
  const table = `"${schema}".accounts`;
  const map = (row: AccountRow) => ({ userId: row.user_id, email: row.email, passwordHash: row.password_hash, createdAt: row.created_at });
  return {
    async insert({ userId, email, passwordHash }) {
      const { rowCount } = await pool.query(
        `INSERT INTO ${table} (user_id, email, password_hash) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`,
        [userId, email, passwordHash],
      );
      return rowCount === 1;
    },
    async findByEmail(email) {
      const { rows } = await pool.query<AccountRow>(`SELECT user_id, email, password_hash, created_at FROM ${table} WHERE email = $1`, [email]);
      return rows[0] ? map(rows[0]) : null;
    },
    async findById(userId) {
      const { rows } = await pool.query<AccountRow>(`SELECT user_id, email, password_hash, created_at FROM ${table} WHERE user_id = $1`, [userId]);
      return rows[0] ? map(rows[0]) : null;
    },
    async removeOrphan(userId) {
      await pool.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    },
    async setPasswordHash(userId, passwordHash) {
      await pool.query(`UPDATE ${table} SET password_hash = $2, password_changed_at = now() WHERE user_id = $1`, [userId, passwordHash]);
    },
  };
}
