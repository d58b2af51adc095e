import type pg from 'pg';
import { createPool } from '../../src/adapters/postgres/createPool';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One pool per suite; each test gets its own schema names from `uniqueSchemaName`. */
export function createTestPool(max = 10): pg.Pool {
  return createPool(testDatabaseUrl, max);
}

let counter = 0;
export function uniqueSchemaName(prefix: string): string {
  counter += 1;
  return `t_${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`.toLowerCase();
}

export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
