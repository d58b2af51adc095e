import pg from 'pg';
import { createPool } from '../postgres/createPool';
import { catalogOnlySearchPath } from './catalogOnlySearchPath';
import { connectionWithDatabase } from './connectionWithDatabase';
import { pgConnectionFromUrl } from './pgConnectionEnv';
import { quoteIdentifier } from './quoteIdentifier';
import type { RestoreDatabaseAdmin } from '../../ports/restoreDatabaseAdmin';

const userObjects = `
  SELECT 'TABLE' AS kind, pg_catalog.format('%I.%I', n.nspname, c.relname) AS name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r','p','v','m','f','S') AND c.relowner <> $1::pg_catalog.regrole
     AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a','i')))
  UNION ALL
  SELECT 'SCHEMA', pg_catalog.format('%I', n.nspname) FROM pg_catalog.pg_namespace n
   WHERE n.nspowner <> $1::pg_catalog.regrole AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_%'
  UNION ALL
  SELECT 'ROUTINE', p.oid::pg_catalog.regprocedure::pg_catalog.text FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
   WHERE p.proowner <> $1::pg_catalog.regrole AND n.nspname NOT IN ('pg_catalog','information_schema')
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT 'TYPE', t.oid::pg_catalog.regtype::pg_catalog.text FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
   WHERE t.typowner <> $1::pg_catalog.regrole AND t.typtype IN ('c','d','e','r') AND n.nspname NOT IN ('pg_catalog','information_schema')
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')`;

export function createRestoreDatabaseAdmin(adminUrl: string): RestoreDatabaseAdmin {
  const pool = createPool(adminUrl, 2);
  const inDatabase = async <T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: connectionWithDatabase(adminUrl, database) });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    async renameDatabase(from, to) {
      // Not autovacuum workers: the non-superuser admin may not signal them (42501, as soon as a
      // restored database of some size gets one), and the RENAME itself asks them to leave.
      await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type <> 'autovacuum worker'`, [from]);
      await pool.query(`ALTER DATABASE ${quoteIdentifier(from)} RENAME TO ${quoteIdentifier(to)}`);
    },
    tableCount: (database) => inDatabase(database, async (client) => {
      const { rows } = await client.query<{ count: number }>(`SELECT pg_catalog.count(*)::pg_catalog.int4 AS count FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r','p') AND n.nspname NOT IN ('pg_catalog','information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
      return rows[0]!.count;
    }),
    async fixOwnership(database, role) {
      const owner = quoteIdentifier(role);
      await pool.query(`ALTER DATABASE ${quoteIdentifier(database)} OWNER TO ${owner}`);
      return inDatabase(database, async (client) => {
        await client.query(`ALTER SCHEMA public OWNER TO ${owner}`);
        const { rows } = await client.query<{ kind: string; name: string }>(userObjects, [role]);
        // Names come from the catalog, already quoted by format(%I) / regclass output.
        for (const row of rows) await client.query(`ALTER ${row.kind} ${row.name} OWNER TO ${owner}`);
        return rows.length;
      });
    },
    async probeCreateTable(database, credentials) {
      const target = pgConnectionFromUrl(adminUrl, database);
      const client = new pg.Client({ host: target.host, port: target.port, database, user: credentials.user, password: credentials.password, options: catalogOnlySearchPath });
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('CREATE TABLE public.platform_restore_probe (id int)');
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end().catch(() => undefined);
      }
    },
    close: () => pool.end(),
  };
}
