import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';

/** Backup health of one instance, from the catalogue. */
export interface BackupHealth {
  instanceId: string;
  /** Completion of the newest successful backup (pruned ones count: they were good). */
  lastCompletedAt: Date | null;
  /** The newest successful restore drill. */
  lastVerifiedAt: Date | null;
  /** Outcome of the newest drill, whatever it was. */
  lastVerification: 'verified' | 'failed' | null;
  /** Backups that failed since the newest successful one started: the consecutive failures. */
  failuresSinceSuccess: number;
}

type Row = { instance_id: string; last_completed: Date | null; last_verified: Date | null; last_verification: 'verified' | 'failed' | null; failures: number };

/** Health of every instance in the catalogue, or of one. One statement: the scrape of /metrics and the
 * status route read the same definition. */
export async function queryBackupHealth(db: ProjectionDb, tables: TableNames<'backups'>, instanceId?: string): Promise<BackupHealth[]> {
  const table = sql.id(tables.backups.schema, tables.backups.name);
  const { rows } = await sql<Row>`WITH b AS (
      SELECT instance_id, status, started_at, completed_at, verification, verified_at,
        max(started_at) FILTER (WHERE status IN ('completed', 'pruned')) OVER (PARTITION BY instance_id) AS last_success_started
      FROM ${table} ${instanceId === undefined ? sql`` : sql`WHERE instance_id = ${instanceId}`})
    SELECT instance_id,
      max(completed_at) FILTER (WHERE status IN ('completed', 'pruned')) AS last_completed,
      max(verified_at) FILTER (WHERE verification = 'verified') AS last_verified,
      (array_agg(verification ORDER BY verified_at DESC) FILTER (WHERE verified_at IS NOT NULL))[1] AS last_verification,
      count(*) FILTER (WHERE status = 'failed' AND started_at > coalesce(last_success_started, '-infinity'))::int AS failures
    FROM b GROUP BY instance_id ORDER BY instance_id`.execute(db);
  return rows.map((r) => ({
    instanceId: r.instance_id, lastCompletedAt: r.last_completed, lastVerifiedAt: r.last_verified,
    lastVerification: r.last_verification, failuresSinceSuccess: Number(r.failures),
  }));
}

/** An instance without any backup yet. */
export function noBackupHealth(instanceId: string): BackupHealth {
  return { instanceId, lastCompletedAt: null, lastVerifiedAt: null, lastVerification: null, failuresSinceSuccess: 0 };
}
