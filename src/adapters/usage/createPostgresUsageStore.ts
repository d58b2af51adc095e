import type pg from 'pg';
import type { UsageStore } from '../../ports/usageStore';

export async function migrateUsageStore(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".instance_usage (
    instance_id uuid PRIMARY KEY,
    database_bytes bigint NOT NULL,
    volume_bytes bigint NOT NULL,
    quota_bytes bigint NOT NULL,
    measured_at timestamptz NOT NULL
  )`);
}

export function createPostgresUsageStore(pool: pg.Pool, schema: string): UsageStore {
  const table = `"${schema}".instance_usage`;
  return {
    async record(m) {
      await pool.query(`INSERT INTO ${table} (instance_id, database_bytes, volume_bytes, quota_bytes, measured_at) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (instance_id) DO UPDATE SET database_bytes = excluded.database_bytes, volume_bytes = excluded.volume_bytes,
          quota_bytes = excluded.quota_bytes, measured_at = excluded.measured_at`,
      [m.instanceId, m.databaseBytes, m.volumeBytes, m.quotaBytes, m.measuredAt]);
    },
    async latest(instanceId) {
      const { rows } = await pool.query<{ database_bytes: string; volume_bytes: string; quota_bytes: string; measured_at: Date }>(
        `SELECT database_bytes, volume_bytes, quota_bytes, measured_at FROM ${table} WHERE instance_id = $1`, [instanceId]);
      const row = rows[0];
      return row ? { instanceId, databaseBytes: Number(row.database_bytes), volumeBytes: Number(row.volume_bytes), quotaBytes: Number(row.quota_bytes), measuredAt: row.measured_at } : null;
    },
  };
}
