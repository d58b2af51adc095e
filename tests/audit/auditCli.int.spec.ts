import { execFile } from 'node:child_process';
import path from 'node:path';
import type pg from 'pg';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../src/adapters/eventstore/postgres/migrateEventStore';
import type { EventStore } from '../../src/ports/eventStore';
import { createTestPool, dropSchema, testDatabaseUrl, uniqueSchemaName } from '../support/postgres';
import { seedHistory, type History } from './auditContract';

// The CLI as an operator runs it: its own process, exit codes and streams.
const root = path.resolve(__dirname, '../..');
const schemas = { EVENTSTORE_SCHEMA: uniqueSchemaName('auditcli'), BUS_SCHEMA: uniqueSchemaName('auditclibus') };
let pool: pg.Pool;
let store: EventStore;
let history: History;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
      cwd: root, env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: testDatabaseUrl, LOG_LEVEL: 'silent', ...schemas },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  pool = createTestPool(2);
  await migrateEventStore(pool, schemas.EVENTSTORE_SCHEMA);
  store = createPostgresEventStore({ pool, schema: schemas.EVENTSTORE_SCHEMA });
  history = await seedHistory(store);
});
afterAll(async () => {
  await store?.close();
  for (const schema of Object.values(schemas)) await dropSchema(pool, schema);
  await pool.end();
});

test('answers on stdout with exit code 0; usage errors exit 2 and failures exit 1, each explained on stderr', async () => {
  // In parallel: each run is a process start of its own (tsx).
  const [timeline, badPoint, missingFrom, unknownStream] = await Promise.all([
    cli('audit', 'timeline', '--tenant', history.tenantId, '--type', 'TenantDeleted', '--json'),
    cli('audit', 'at', history.tenantStream, '--at', 'yesterday'),
    cli('audit', 'diff', history.tenantStream),
    cli('audit', 'at', 'tenant-00000000-0000-7000-8000-000000000000', '--json'),
  ]);
  expect(timeline).toMatchObject({ code: 0, stderr: '' });
  expect(JSON.parse(timeline.stdout)).toMatchObject({ items: [{ type: 'TenantDeleted', actor: history.operator, reason: 'fraud report 42' }] });
  expect(badPoint).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('must be a position') });
  expect(missingFrom).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--from') });
  expect(unknownStream).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('was not found') });
}, 60_000);
