import type pg from 'pg';
import type { SubdomainClaims } from '../../ports/subdomainClaims';

export async function migrateSubdomainClaims(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".subdomain_claims (
    subdomain text PRIMARY KEY,
    instance_id uuid NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now()
  )`);
  await pool.query(`CREATE INDEX IF NOT EXISTS subdomain_claims_instance_idx ON "${schema}".subdomain_claims (instance_id)`);
}

/** One row per claimed subdomain (primary key) in the saga schema. */
export function createPostgresSubdomainClaims(pool: pg.Pool, schema: string): SubdomainClaims {
  const table = `"${schema}".subdomain_claims`;
  const ownerOf = async (subdomain: string) => {
    const { rows } = await pool.query<{ instance_id: string }>(`SELECT instance_id FROM ${table} WHERE subdomain = $1`, [subdomain]);
    return rows[0]?.instance_id ?? null;
  };
  return {
    async claim(subdomain, instanceId) {
      await pool.query(`INSERT INTO ${table} (subdomain, instance_id) VALUES ($1, $2) ON CONFLICT (subdomain) DO NOTHING`, [subdomain, instanceId]);
      return (await ownerOf(subdomain)) === instanceId;
    },
    async release(instanceId) {
      await pool.query(`DELETE FROM ${table} WHERE instance_id = $1`, [instanceId]);
    },
    ownerOf,
    async subdomainOf(instanceId) {
      const { rows } = await pool.query<{ subdomain: string }>(`SELECT subdomain FROM ${table} WHERE instance_id = $1`, [instanceId]);
      return rows[0]?.subdomain ?? null;
    },
  };
}
