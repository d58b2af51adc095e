import type pg from 'pg';
import type { ApiKeyRecord, ApiKeyStore } from '../../ports/identityStores';

interface ApiKeyRow {
  key_id: string;
  tenant_id: string;
  name: string;
  scopes: string[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const columns = 'key_id, tenant_id, name, scopes, created_by, created_at, last_used_at, revoked_at';

function map(row: ApiKeyRow): ApiKeyRecord {
  return {
    keyId: row.key_id, tenantId: row.tenant_id, name: row.name, scopes: row.scopes, createdBy: row.created_by,
    createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at,
  };
}

export function createPostgresApiKeyStore(pool: pg.Pool, schema: string): ApiKeyStore {
  const table = `"${schema}".api_keys`;
  return {
    async create(key) {
      const { rowCount } = await pool.query(
        `INSERT INTO ${table} (key_id, tenant_id, name, token_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key_id) DO NOTHING`,
        [key.keyId, key.tenantId, key.name, key.tokenHash, key.scopes, key.createdBy],
      );
      return rowCount === 1;
    },
    async use(tokenHash, now) {
      // last_used_at only moves once a minute: a busy machine client should not write on every call.
      const { rows } = await pool.query<ApiKeyRow>(
        `UPDATE ${table} SET last_used_at = CASE WHEN last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute' THEN $2 ELSE last_used_at END
         WHERE token_hash = $1 AND revoked_at IS NULL RETURNING ${columns}`,
        [tokenHash, now],
      );
      return rows[0] ? map(rows[0]) : null;
    },
    async list(tenantId) {
      const { rows } = await pool.query<ApiKeyRow>(`SELECT ${columns} FROM ${table} WHERE tenant_id = $1 ORDER BY created_at`, [tenantId]);
      return rows.map(map);
    },
    async countActiveCreatedBy(createdBy) {
      const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table} WHERE created_by = $1 AND revoked_at IS NULL`, [createdBy]);
      return rows[0]!.count;
    },
    async revoke(tenantId, keyId, now) {
      await pool.query(`UPDATE ${table} SET revoked_at = coalesce(revoked_at, $3) WHERE tenant_id = $1 AND key_id = $2`, [tenantId, keyId, now]);
    },
    async revokeMany(tenantId, keyIds, now) {
      if (keyIds.length === 0) return;
      await pool.query(`UPDATE ${table} SET revoked_at = coalesce(revoked_at, $3) WHERE tenant_id = $1 AND key_id = ANY($2::uuid[])`, [tenantId, keyIds, now]);
    },
  };
}
