import { Gauge } from 'prom-client';
import { metricsRegistry } from '../../observability/metrics';
import type { ProjectionDb, TableNames } from '../runtime/projection';
import { queryBackupHealth, type BackupHealth } from './backupHealth';

let registered = false;

/** Backup health per instance as gauges, read from the catalogue at scrape time (one query per
 * scrape, shared by the three gauges). An instance without any success has no timestamp series:
 * alert on `absent()` or on the failure count. Registered once per process. */
export function registerBackupHealthGauges(db: ProjectionDb, tables: TableNames<'backups'>): void {
  if (registered) return;
  registered = true;
  let pending: Promise<BackupHealth[]> | null = null;
  const healthOfAll = () => {
    // The three collect() calls of one scrape share one read; the next scrape reads again.
    pending ??= queryBackupHealth(db, tables).finally(() => setImmediate(() => { pending = null; }));
    return pending;
  };
  const seconds = (date: Date | null) => (date ? date.getTime() / 1000 : null);
  const gauge = (name: string, help: string, value: (health: BackupHealth) => number | null) => new Gauge({
    name, help, labelNames: ['instance_id'] as const, registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const health of await healthOfAll()) {
        const v = value(health);
        if (v !== null) this.set({ instance_id: health.instanceId }, v);
      }
    },
  });
  gauge('platform_backup_last_success_timestamp_seconds', 'Completion time of the newest successful backup of an instance', (h) => seconds(h.lastCompletedAt));
  gauge('platform_backup_last_verified_timestamp_seconds', 'Time of the newest successful restore drill of an instance', (h) => seconds(h.lastVerifiedAt));
  gauge('platform_backup_consecutive_failures', 'Backups of an instance that failed since its newest successful one', (h) => h.failuresSinceSuccess);
}
