import type pg from 'pg';
import { decryptSecret, encryptSecret } from '../identity/encryptSecret';
import type { SecretStore } from '../../ports/secretStore';

/** AES-256-GCM (the identity's encryptSecret) with the reference bound as additional data, so a
 * ciphertext copied to another row does not decrypt. */
export function createPostgresSecretStore(pool: pg.Pool, schema: string, key: Buffer): SecretStore {
  const table = `"${schema}".secrets`;
  const read = async (reference: string): Promise<string | null> => {
    const { rows } = await pool.query<{ ciphertext: Buffer }>(`SELECT ciphertext FROM ${table} WHERE reference = $1`, [reference]);
    return rows[0] ? decryptSecret(key, rows[0].ciphertext, reference) : null;
  };
  return {
    async ensure(reference, generate) {
      // First writer wins, so two racing attempts end up using the same password.
      await pool.query(`INSERT INTO ${table} (reference, ciphertext) VALUES ($1, $2) ON CONFLICT (reference) DO NOTHING`,
        [reference, encryptSecret(key, generate(), reference)]);
      const secret = await read(reference);
      if (secret === null) throw new Error(`secret ${reference} vanished right after it was stored`);
      return secret;
    },
    read,
    async replace(reference, value) {
      await pool.query(`INSERT INTO ${table} (reference, ciphertext) VALUES ($1, $2) ON CONFLICT (reference) DO UPDATE SET ciphertext = excluded.ciphertext`,
        [reference, encryptSecret(key, value, reference)]);
    },
    async remove(reference) {
      await pool.query(`DELETE FROM ${table} WHERE reference = $1`, [reference]);
    },
  };
}
