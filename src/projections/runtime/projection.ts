import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '../../ports/eventStore';

// Kysely is invariant in its database type, so a runtime that serves every read model (each with
// its own table types, and tables whose physical names are only known at run time) takes `any`.
// Projections narrow it themselves; callers can pass whatever Kysely<DB> they hold.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProjectionDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProjectionTransaction = Transaction<any>;

/** A physical table: schema-qualified, because rebuilds create tables under temporary names. */
export interface TableRef {
  schema: string;
  name: string;
}

/** Logical table name → the physical table to read or write. */
export type TableNames<Table extends string = string> = Readonly<Record<Table, TableRef>>;

export interface Projection<Table extends string = string> {
  /** Unique per read-model schema; the checkpoint row and the advisory-lock key use it. */
  name: string;
  /** Bump when `handle` or the tables change; a stored version that differs asks for a rebuild. */
  version: number;
  /** Logical names; the tables serving queries always carry exactly these names. */
  tables: readonly Table[];
  /** Creates the tables (with indexes) under the given physical names; called inside a transaction. */
  migrate(db: ProjectionTransaction, tables: TableNames<Table>): Promise<void>;
  /** The stream categories (`<category>-<id>`) whose events can change these tables. A batch with
   * none of them only moves the checkpoint, in one statement without a transaction. Absent: every
   * batch goes through `handle`. */
  streamCategories?: readonly string[];
  /** Applies one batch in `$all` order inside the runner's transaction. Must be deterministic and
   * independent of where batch boundaries fall, so a rebuild reproduces the live rows exactly. */
  handle(events: readonly RecordedEvent[], trx: ProjectionTransaction, tables: TableNames<Table>): Promise<void>;
}
