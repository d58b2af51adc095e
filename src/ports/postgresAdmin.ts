import type { Readable, Writable } from 'node:stream';

/** What the instance sagas use of the instances cluster; every call is idempotent. */
export interface PostgresAdmin {
  /** `mark` names the owner of what is created (COMMENT ON); an existing role or database without
   * exactly this mark is refused with ResourceNotOursError, never adopted. */
  ensureRole(name: string, password: string, mark: string): Promise<void>;
  ensureDatabase(name: string, owner: string, mark: string): Promise<void>;
  /** With `mark`, one that does not bear it (somebody else's) is left alone. */
  dropDatabase(name: string, mark?: string): Promise<void>;
  dropRole(name: string, mark?: string): Promise<void>;
  databaseExists(name: string): Promise<boolean>;
  roleExists(name: string): Promise<boolean>;
  /** Bytes of each named database that exists. */
  databaseSizes(names: string[]): Promise<Map<string, number>>;
  /** Dump as the admin role unless credentials are given. */
  dump(database: string, credentials?: { user: string; password: string }): { stream: Readable; completion: Promise<void> };
  restore(
    database: string,
    credentials?: { user: string; password: string },
    options?: Omit<PgRestoreOptions, 'binDir'>,
  ): { stream: Writable; completion: Promise<void> };
  close(): Promise<void>;
}

export interface PgRestoreOptions {
  binDir?: string;
  /** Objects become owned by the connecting role (the instance's), whoever owned them in the dump. */
  noOwner?: boolean;
  /** All or nothing; note it holds one long transaction (why instances have their own cluster). */
  singleTransaction?: boolean;
}
