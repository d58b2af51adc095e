import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { createRestoreDatabaseAdmin } from '../../src/adapters/postgresAdmin/createRestoreDatabaseAdmin';
import type { RestoreDatabaseAdmin } from '../../src/ports/restoreDatabaseAdmin';
import { pgConnectionFromUrl } from '../../src/adapters/postgresAdmin/pgConnectionEnv';
import { spawnPgDump } from '../../src/adapters/postgresAdmin/spawnPgDump';
import { spawnPgRestore } from '../../src/adapters/postgresAdmin/spawnPgRestore';
import { connectAsInstanceRole, testInstanceAdminUrl, testInstanceDbName } from '../support/instancesDb';

/**
 * Issue 13 #2: a tenant owns its database and its `public` schema, so it can plant operators there
 * and even set the database's default search_path. Every catalog query the platform's admin role runs
 * inside that database (backups count tables, restores repair ownership, drills do both) would then
 * call tenant code with the admin's privileges. The planted operators record who ran them.
 */
const password = 'tenant-Secret-1';
const plant = `
  CREATE TABLE public.hijack_log (who text, what text);
  GRANT SELECT, INSERT ON public.hijack_log TO PUBLIC;
  CREATE FUNCTION public.hijack_eq(oid, oid) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO public.hijack_log VALUES (current_user, '='); RETURN $1 OPERATOR(pg_catalog.=) $2; END $$;
  CREATE OPERATOR public.= (LEFTARG = oid, RIGHTARG = oid, FUNCTION = public.hijack_eq);
  -- An exact match for "relowner <> $1::regrole": preferred over pg_catalog's <>(oid, oid) whatever the path order.
  CREATE FUNCTION public.hijack_ne(oid, regrole) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO public.hijack_log VALUES (current_user, '<>'); RETURN $1 OPERATOR(pg_catalog.<>) $2::oid; END $$;
  CREATE OPERATOR public.<> (LEFTARG = oid, RIGHTARG = regrole, FUNCTION = public.hijack_ne);
  CREATE TABLE public.res_partner (id serial PRIMARY KEY, name text);`;

let adminPool: pg.Pool;
let databases: RestoreDatabaseAdmin;
const role = testInstanceDbName();
const restored = `${role}_r`;

async function asTenant<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectAsInstanceRole(role, password, database);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function hijackLog(database: string): Promise<Array<{ who: string; what: string }>> {
  return asTenant(database, async (client) => (await client.query('SELECT who, what FROM public.hijack_log')).rows);
}

beforeAll(async () => {
  adminPool = new pg.Pool({ connectionString: testInstanceAdminUrl, max: 2 });
  databases = createRestoreDatabaseAdmin(testInstanceAdminUrl);
  // The state provisioning leaves (role owning its database), made here without the saga.
  await adminPool.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}'`);
  await adminPool.query(`GRANT "${role}" TO CURRENT_USER`);
  for (const database of [role, restored]) {
    await adminPool.query(`CREATE DATABASE "${database}" OWNER "${role}"`);
    await adminPool.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
  }
  await asTenant(role, async (client) => {
    await client.query(plant);
    // The owner may set its database's default path: public before pg_catalog shadows even exact matches.
    await client.query(`ALTER DATABASE "${role}" SET search_path = public, pg_catalog`);
  });
});

afterAll(async () => {
  await databases.close();
  for (const database of [role, restored]) await adminPool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminPool.query(`DROP ROLE IF EXISTS "${role}"`);
  await adminPool.end();
});

describe('a tenant plants operators in its own database (issue 13 #2)', () => {
  beforeEach(() => asTenant(role, (client) => client.query('TRUNCATE public.hijack_log')));

  it('counting tables for a backup or a drill runs none of them', async () => {
    expect(await databases.tableCount(role)).toBe(2);
    expect(await hijackLog(role)).toEqual([]);
  });

  it('repairing ownership after a restore runs none of them', async () => {
    await databases.fixOwnership(role, role);
    expect(await hijackLog(role)).toEqual([]);
  });

  it('a dump as the admin role and a restore beside it, then the restore checks, run none of them', async () => {
    const dump = spawnPgDump(pgConnectionFromUrl(testInstanceAdminUrl, role));
    const restore = spawnPgRestore({ ...pgConnectionFromUrl(testInstanceAdminUrl, restored), user: role, password });
    await pipeline(dump.stream, restore.stream);
    await Promise.all([dump.completion, restore.completion]);
    await databases.fixOwnership(restored, role);
    expect(await databases.tableCount(restored)).toBe(2);
    expect(await hijackLog(role)).toEqual([]);
    expect(await hijackLog(restored)).toEqual([]);
  });
});
