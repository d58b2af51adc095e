/** The same server and credentials, another database (pg lets the URL win over a `database` option). */
export function connectionWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
