import { sql } from 'kysely';
import type { ProjectionDb, TableNames } from '../runtime/projection';
import { isUuid } from '../tenants/isUuid';
import { noBackupHealth, queryBackupHealth, type BackupHealth } from './backupHealth';

export interface BackupView {
  backupId: string; instanceId: string; tenantId: string; status: string; mode: string; trigger: string;
  slot: Date | null; requestedBy: string; startedAt: Date; completedAt: Date | null; totalBytes: number | null;
  manifest: Record<string, unknown> | null; failureReason: string | null;
  verification: string | null; verifiedAt: Date | null; verificationDetail: string | null;
  /** The copy to the tenant's own bucket: null when none was made (no target). */
  offsite: Record<string, unknown> | null;
}

type Row = Record<string, unknown>;
const toView = (r: Row): BackupView => ({
  backupId: r.backup_id as string, instanceId: r.instance_id as string, tenantId: r.tenant_id as string, status: r.status as string,
  mode: r.mode as string, trigger: r.trigger as string, slot: r.slot as Date | null, requestedBy: r.requested_by as string,
  startedAt: r.started_at as Date, completedAt: r.completed_at as Date | null, totalBytes: r.total_bytes === null ? null : Number(r.total_bytes),
  manifest: r.manifest as Record<string, unknown> | null, failureReason: r.failure_reason as string | null,
  verification: r.verification as string | null, verifiedAt: r.verified_at as Date | null, verificationDetail: r.verification_detail as string | null,
  offsite: (r.offsite as Record<string, unknown> | null | undefined) ?? null,
});

/** Reads of the backup catalogue (`tables` = servingTableNames(backupsProjection, schema)). */
export function createBackupQueries(db: ProjectionDb, tables: TableNames<'backups'>) {
  const table = sql.id(tables.backups.schema, tables.backups.name);
  return {
    async getBackup(backupId: string): Promise<BackupView | null> {
      if (!isUuid(backupId)) return null;
      const { rows } = await sql<Row>`SELECT * FROM ${table} WHERE backup_id = ${backupId}`.execute(db);
      return rows[0] ? toView(rows[0]) : null;
    },
    /** An instance's backups, newest first (pruned ones left out unless asked). */
    async listBackups(instanceId: string, options: { limit?: number; includePruned?: boolean } = {}): Promise<BackupView[]> {
      if (!isUuid(instanceId)) return [];
      const { rows } = await sql<Row>`SELECT * FROM ${table} WHERE instance_id = ${instanceId}
        ${options.includePruned ? sql`` : sql`AND status <> 'pruned'`}
        ORDER BY started_at DESC, backup_id DESC LIMIT ${Math.min(options.limit ?? 100, 1000)}`.execute(db);
      return rows.map(toView);
    },
    /** Backup health of one instance: last success, last verification, failures since the last success. */
    async backupHealth(instanceId: string): Promise<BackupHealth> {
      if (!isUuid(instanceId)) return noBackupHealth(instanceId);
      return (await queryBackupHealth(db, tables, instanceId))[0] ?? noBackupHealth(instanceId);
    },
  };
}

export type BackupQueries = ReturnType<typeof createBackupQueries>;
