// Connections to PostgreSQL with the db_* options, as odoo.sql_db does it (one pool per database).
import pg from 'pg';
import { type Options, str } from './config';

export interface ConnectionInfo {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
}

export function connectionInfo(options: Options): ConnectionInfo {
  const info: ConnectionInfo = {};
  if (str(options.db_host)) info.host = str(options.db_host);
  if (options.db_port) info.port = Number(options.db_port);
  if (str(options.db_user)) info.user = str(options.db_user);
  if (str(options.db_password)) info.password = str(options.db_password);
  return info;
}

/** psycopg2's wording, so logs and faults read like Odoo's. */
export function describeConnectError(info: ConnectionInfo, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const where = info.host ? `server at "${info.host}", port ${info.port ?? 5432}` : `server on socket, port ${info.port ?? 5432}`;
  return `connection to ${where} failed: FATAL:  ${message}`;
}

export class OperationalError extends Error {
  constructor(
    message: string,
    readonly pgCode?: string,
  ) {
    super(message);
  }
}

export async function connect(info: ConnectionInfo, database: string): Promise<pg.Client> {
  const client = new pg.Client({ ...info, database, application_name: `odoo-${process.pid}`, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new OperationalError(describeConnectError(info, error), (error as { code?: string }).code);
  }
  return client;
}

export class Pools {
  private readonly pools = new Map<string, pg.Pool>();

  constructor(private readonly info: ConnectionInfo) {}

  pool(database: string): pg.Pool {
    let pool = this.pools.get(database);
    if (!pool) {
      pool = new pg.Pool({
        ...this.info,
        database,
        application_name: `odoo-${process.pid}`,
        max: 8,
        idleTimeoutMillis: 10_000,
        connectionTimeoutMillis: 10_000,
      });
      pool.on('error', () => undefined);
      this.pools.set(database, pool);
    }
    return pool;
  }

  async client(database: string): Promise<pg.PoolClient> {
    try {
      return await this.pool(database).connect();
    } catch (error) {
      throw new OperationalError(describeConnectError(this.info, error), (error as { code?: string }).code);
    }
  }

  async close(database: string): Promise<void> {
    const pool = this.pools.get(database);
    this.pools.delete(database);
    await pool?.end().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.pools.keys()].map((db) => this.close(db)));
  }
}

/** Runs fn in a transaction on the database's pool. */
export async function transaction<T>(pools: Pools, database: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pools.client(database);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function tableExists(client: pg.ClientBase, table: string): Promise<boolean> {
  const { rows } = await client.query(
    "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND c.relkind IN ('r', 'p') AND n.nspname = current_schema()",
    [table],
  );
  return rows.length > 0;
}

/** odoo.modules.db.is_initialized: the module table exists (and here: base is installed). */
export async function isInitialized(client: pg.ClientBase): Promise<boolean> {
  if (!(await tableExists(client, 'ir_module_module'))) return false;
  const { rows } = await client.query("SELECT 1 FROM ir_module_module WHERE name = 'base' AND state = 'installed'");
  return rows.length > 0;
}
