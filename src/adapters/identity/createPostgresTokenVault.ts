import type pg from 'pg';
import type { TokenVault } from '../../ports/identityStores';
import { decryptSecret, encryptSecret } from './encryptSecret';

/** Raw reset, invitation and email-verification tokens for the notifier, AES-256-GCM with the key from config and the
 * reference bound as additional data. Rows are deleted once the token is used or mailed. */
export function createPostgresTokenVault(pool: pg.Pool, schema: string, key: Buffer): TokenVault {
  const table = `"${schema}".token_vault`;
  return {
    async put(reference, purpose, rawToken, expiresAt) {
      await pool.query(
        `INSERT INTO ${table} (reference, purpose, ciphertext, expires_at) VALUES ($1, $2, $3, $4)`,
        [reference, purpose, encryptSecret(key, rawToken, reference), expiresAt],
      );
    },
    async take(reference) {
      const { rows } = await pool.query<{ ciphertext: Buffer }>(
        `SELECT ciphertext FROM ${table} WHERE reference = $1 AND expires_at > now()`,
        [reference],
      );
      return rows[0] ? decryptSecret(key, rows[0].ciphertext, reference) : null;
    },
    async remove(reference) {
      await pool.query(`DELETE FROM ${table} WHERE reference = $1`, [reference]);
    },
  };
}
