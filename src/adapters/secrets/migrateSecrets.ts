import type pg from 'pg';

export async function migrateSecrets(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".secrets (
    reference text PRIMARY KEY,
    ciphertext bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`);
}
