import { createPool } from '../postgres/createPool';
import { databaseExists } from './databaseExists';
import { databaseSizes } from './databaseSizes';
import { dropDatabase } from './dropDatabase';
import { dropRole } from './dropRole';
import { ensureDatabase } from './ensureDatabase';
import { ensureRole } from './ensureRole';
import { pgConnectionFromUrl } from './pgConnectionEnv';
import type { PostgresAdmin } from '../../ports/postgresAdmin';
import { roleExists } from './roleExists';
import { spawnPgDump } from './spawnPgDump';
import { spawnPgRestore } from './spawnPgRestore';

/**
 * The instances cluster (INSTANCE_DB_ADMIN_URL), administered by a CREATEDB CREATEROLE role that is
 * not superuser (issue 6, the prototype's #008). Small pool: DDL is rare and serialised by the cluster.
 */
export function createPostgresAdmin(adminUrl: string, options: { pgBinDir?: string; poolSize?: number } = {}): PostgresAdmin {
  const pool = createPool(adminUrl, options.poolSize ?? 4);
  const connectionFor = (database: string, credentials?: { user: string; password: string }) => ({
    ...pgConnectionFromUrl(adminUrl, database),
    ...(credentials ?? {}),
  });
  const binDir = options.pgBinDir || undefined;
  return {
    ensureRole: (name, password, mark) => ensureRole(pool, name, password, mark),
    ensureDatabase: (name, owner, mark) => ensureDatabase(pool, adminUrl, name, owner, mark),
    dropDatabase: (name, mark) => dropDatabase(pool, name, mark),
    dropRole: (name, mark) => dropRole(pool, name, mark),
    databaseExists: (name) => databaseExists(pool, name),
    roleExists: (name) => roleExists(pool, name),
    databaseSizes: (names) => databaseSizes(pool, names),
    dump: (database, credentials) => spawnPgDump(connectionFor(database, credentials), { binDir }),
    restore: (database, credentials, restoreOptions) => spawnPgRestore(connectionFor(database, credentials), { ...restoreOptions, binDir }),
    close: () => pool.end(),
  };
}
