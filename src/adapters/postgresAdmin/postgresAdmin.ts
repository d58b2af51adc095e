import type { Readable, Writable } from 'node:stream';
import type { PgRestoreOptions } from './spawnPgRestore';

/** What the instance sagas use of the instances cluster; every call is idempotent. */
export interface PostgresAdmin {
  ensureRole(name: string, password: string): Promise<void>;
  ensureDatabase(name: string, owner: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  dropRole(name: string): Promise<void>;
  databaseExists(name: string): Promise<boolean>;
  roleExists(name: string): Promise<boolean>;
  /** Dump as the admin role unless credentials are given. */
  dump(database: string, credentials?: { user: string; password: string }): { stream: Readable; completion: Promise<void> };
  restore(
    database: string,
    credentials?: { user: string; password: string },
    options?: Omit<PgRestoreOptions, 'binDir'>,
  ): { stream: Writable; completion: Promise<void> };
  close(): Promise<void>;
}
