import { randomBytes } from 'node:crypto';
import pg from 'pg';

// The instances cluster that .ci/services.sh creates (port 5433), used as the NON-superuser
// platform_admin role (CREATEDB CREATEROLE), as production does (issue 6, #008).
export const testInstanceAdminUrl = process.env.TEST_INSTANCE_DB_ADMIN_URL ?? 'postgres://platform_admin@127.0.0.1:5433/postgres';
/** pg_hba of the instances cluster trusts the platform's roles only: instance roles give passwords. */
export const passwordCheckedHost = new URL(testInstanceAdminUrl).hostname;
export const instancesPort = Number(new URL(testInstanceAdminUrl).port || 5433);

/** `inst_t<random>`: the instance naming scheme with a test marker, unique per call. */
export function testInstanceDbName(): string {
  return `inst_t${randomBytes(5).toString('hex')}`;
}

/** Connects as an instance role with its password, where passwords are checked. */
export async function connectAsInstanceRole(role: string, password: string, database: string): Promise<pg.Client> {
  const client = new pg.Client({ host: passwordCheckedHost, port: instancesPort, user: role, password, database });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Drops what a test left (databases first, they are owned by the roles), as platform_admin. */
export async function dropTestInstanceDbs(pool: pg.Pool, names: string[]): Promise<void> {
  for (const name of names) await pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  for (const name of names) await pool.query(`DROP ROLE IF EXISTS "${name}"`);
}
