import type pg from 'pg';
import type { SessionRecord, SessionStore } from '../../ports/identityStores';

interface SessionRow {
  session_id: string;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

const columns = 'session_id, user_id, created_at, last_seen_at, expires_at, ip, user_agent';

function map(row: SessionRow): SessionRecord {
  return {
    sessionId: row.session_id, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at, ip: row.ip, userAgent: row.user_agent,
  };
}

export function createPostgresSessionStore(pool: pg.Pool, schema: string): SessionStore {
  const table = `"${schema}".sessions`;
  return {
    async create(session) {
      await pool.query(
        `INSERT INTO ${table} (session_id, user_id, token_hash, expires_at, absolute_expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [session.sessionId, session.userId, session.tokenHash, session.expiresAt, session.absoluteExpiresAt, session.ip, session.userAgent],
      );
    },
    async touch(tokenHash, now, idleMs) {
      // Sliding expiry in the same statement as the lookup: one round trip per authenticated request.
      // The row is rewritten only when the last write is older than a tenth of the idle timeout (at
      // most a minute): a client polling every 50 ms would otherwise commit a write per request,
      // and every open write holds back the event store's gap-safe readers cluster-wide.
      const { rows } = await pool.query<SessionRow>(
        `WITH live AS (
           SELECT ${columns} FROM ${table}
           WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND absolute_expires_at > $2
         ), touched AS (
           UPDATE ${table} s SET last_seen_at = $2, expires_at = least(s.absolute_expires_at, $2::timestamptz + make_interval(secs => $3))
           FROM live WHERE s.session_id = live.session_id AND live.last_seen_at < $2::timestamptz - make_interval(secs => $4)
           RETURNING ${columns.split(', ').map((column) => `s.${column}`).join(', ')}
         )
         SELECT * FROM touched UNION ALL SELECT * FROM live WHERE NOT EXISTS (SELECT 1 FROM touched)`,
        [tokenHash, now, idleMs / 1000, Math.min(60_000, idleMs / 10) / 1000],
      );
      return rows[0] ? map(rows[0]) : null;
    },
    async listActive(userId, now) {
      const { rows } = await pool.query<SessionRow>(
        `SELECT ${columns} FROM ${table} WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at`,
        [userId, now],
      );
      return rows.map(map);
    },
    async revoke(userId, sessionId, now) {
      const { rowCount } = await pool.query(
        `UPDATE ${table} SET revoked_at = $3 WHERE user_id = $1 AND session_id = $2 AND revoked_at IS NULL AND expires_at > $3`,
        [userId, sessionId, now],
      );
      return rowCount === 1;
    },
    async revokeAllExcept(userId, keep, now) {
      const { rowCount } = await pool.query(
        `UPDATE ${table} SET revoked_at = $3 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $3 AND session_id IS DISTINCT FROM $2`,
        [userId, keep, now],
      );
      return rowCount ?? 0;
    },
  };
}
