import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';

export function createKysely<Database>(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
