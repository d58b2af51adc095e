/** What restores need of the instances cluster beyond PostgresAdmin: renames, ownership repair and
 * checks inside a database. Same non-superuser admin role (member of each instance role). Sessions
 * inside a tenant database resolve names in pg_catalog only (catalogOnlySearchPath), and the queries
 * name the catalog explicitly as well. */
export interface RestoreDatabaseAdmin {
  /** Terminates the database's sessions, then renames it. */
  renameDatabase(from: string, to: string): Promise<void>;
  /** User tables (ordinary and partitioned) outside the system schemas. */
  tableCount(database: string): Promise<number>;
  /** Database, `public` schema and every object in user schemas owned by `role`; returns how many
   * objects had another owner (the prototype's "permission denied for schema public"). */
  fixOwnership(database: string, role: string): Promise<number>;
  /** As the instance role: can it create a table in public? (rolled back) */
  probeCreateTable(database: string, credentials: { user: string; password: string }): Promise<void>;
  close(): Promise<void>;
}
