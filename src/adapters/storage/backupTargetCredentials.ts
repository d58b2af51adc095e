import { createHash } from 'node:crypto';
import type pg from 'pg';
import { createPostgresSecretStore } from '../secrets/createPostgresSecretStore';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The credentials of tenants' off-site targets, encrypted in the platform's secrets table
 * (AES-256-GCM, SECRETS_KEY, the reference bound as additional data). Events name them by reference
 * only. Each PUT stores under a new reference, so a target being replaced never changes under a
 * running copy; the references a target no longer uses are deleted. */
export interface BackupTargetCredentials {
  /** A reference per setting command (deterministic, so a retried PUT reuses its row). */
  referenceFor(tenantId: string, commandId: string): string;
  store(reference: string, credentials: S3Credentials): Promise<void>;
  read(reference: string): Promise<S3Credentials | null>;
  /** Runs `work` while holding the tenant's target lock: concurrent changes of one tenant's target
   * must not prune each other's fresh credentials. */
  withTenantLock<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  /** Deletes every stored credential of the tenant except `keep`. */
  pruneExcept(tenantId: string, keep: string | null): Promise<void>;
}

export function createBackupTargetCredentials(pool: pg.Pool, schema: string, key: Buffer): BackupTargetCredentials {
  const secrets = createPostgresSecretStore(pool, schema, key);
  const prefixOf = (tenantId: string) => `backupTarget:${tenantId}:`;
  return {
    referenceFor(tenantId, commandId) {
      return `${prefixOf(tenantId)}${createHash('sha256').update(commandId).digest('hex').slice(0, 24)}`;
    },
    async store(reference, credentials) {
      await secrets.ensure(reference, () => JSON.stringify(credentials));
    },
    async read(reference) {
      const sealed = await secrets.read(reference);
      return sealed === null ? null : (JSON.parse(sealed) as S3Credentials);
    },
    async withTenantLock(tenantId, work) {
      const client = await pool.connect();
      const lockKey = `backupTarget:${tenantId}`;
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey]);
        }
      } finally {
        client.release();
      }
    },
    async pruneExcept(tenantId, keep) {
      await pool.query(`DELETE FROM "${schema}".secrets WHERE starts_with(reference, $1) AND reference IS DISTINCT FROM $2`, [prefixOf(tenantId), keep]);
    },
  };
}
