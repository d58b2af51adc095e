import { catalogOnlySearchPath } from './catalogOnlySearchPath';

/**
 * The same server and credentials, another database (pg lets the URL win over a `database` option),
 * with a search path the database's owner cannot change: the sessions this opens run as the admin
 * role inside tenant databases (see catalogOnlySearchPath).
 */
export function connectionWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  const inherited = parsed.searchParams.get('options');
  parsed.searchParams.set('options', inherited ? `${inherited} ${catalogOnlySearchPath}` : catalogOnlySearchPath);
  return parsed.toString();
}
