import { catalogOnlySearchPath } from './catalogOnlySearchPath';

/** Where and as whom pg_dump / pg_restore connect. */
export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

/** Connection settings from a postgres:// URL (the admin URL), optionally for another database. */
export function pgConnectionFromUrl(url: string, database?: string): PgConnection {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || 'postgres',
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    database: database ?? (decodeURIComponent(parsed.pathname.slice(1)) || 'postgres'),
  };
}

/**
 * libpq environment for a child process: the password travels in PGPASSWORD, never in argv, where
 * every local user could read it from /proc or ps. Inherited PG* variables are dropped so a
 * developer's own settings cannot redirect a backup. PGOPTIONS pins the search path: pg_dump and
 * pg_restore set their own once connected, this covers the session before that (catalogOnlySearchPath).
 */
export function pgConnectionEnv(connection: PgConnection, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!key.startsWith('PG')) env[key] = value;
  env.PGHOST = connection.host;
  env.PGPORT = String(connection.port);
  env.PGUSER = connection.user;
  env.PGDATABASE = connection.database;
  if (connection.password !== undefined) env.PGPASSWORD = connection.password;
  env.PGAPPNAME = 'platform-backup';
  env.PGOPTIONS = catalogOnlySearchPath;
  return env;
}
