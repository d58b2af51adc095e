import type pg from 'pg';
import type { OneTimeTokenStore } from '../../ports/identityStores';

export function createPostgresOneTimeTokenStore(pool: pg.Pool, schema: string): OneTimeTokenStore {
  const table = `"${schema}".one_time_tokens`;
  return {
    async create(token) {
      const { rowCount } = await pool.query(
        `INSERT INTO ${table} (token_id, purpose, subject_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_id) DO NOTHING`,
        [token.tokenId, token.purpose, token.subjectId, token.tokenHash, token.expiresAt],
      );
      return rowCount === 1;
    },
    async consume(purpose, tokenHash, now) {
      const { rows } = await pool.query<{ token_id: string; subject_id: string }>(
        `UPDATE ${table} SET used_at = $3 WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3
         RETURNING token_id, subject_id`,
        [purpose, tokenHash, now],
      );
      return rows[0] ? { tokenId: rows[0].token_id, subjectId: rows[0].subject_id } : null;
    },
    async revokeAll(purpose, subjectId, now) {
      await pool.query(`UPDATE ${table} SET used_at = $3 WHERE purpose = $1 AND subject_id = $2 AND used_at IS NULL`, [purpose, subjectId, now]);
    },
    async peek(purpose, tokenHash, now) {
      const { rows } = await pool.query<{ token_id: string; subject_id: string }>(
        `SELECT token_id, subject_id FROM ${table} WHERE purpose = $1 AND token_hash = $2 AND used_at IS NULL AND expires_at > $3`,
        [purpose, tokenHash, now],
      );
      return rows[0] ? { tokenId: rows[0].token_id, subjectId: rows[0].subject_id } : null;
    },
  };
}
