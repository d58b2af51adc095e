import { createHash } from 'node:crypto';
import type pg from 'pg';
import { createPostgresSecretStore } from '../secrets/createPostgresSecretStore';
import type { S3Credentials, BackupTargetCredentials } from '../../ports/tenantBackupTarget';

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
