import { randomUUID } from 'node:crypto';
import { createPostgresSessionStore } from '../../../src/adapters/identity/createPostgresSessionStore';
import { migrateIdentity } from '../../../src/adapters/identity/migrateIdentity';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';

const pool = createTestPool(2);
const schema = uniqueSchemaName('sess');
const store = createPostgresSessionStore(pool, schema);
const idleMs = 10 * 60_000; // rewritten at most once a minute (a tenth of the idle timeout, capped at 60 s)

beforeAll(() => migrateIdentity(pool, schema));
afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

async function newSession(now: Date) {
  const session = { sessionId: randomUUID(), userId: randomUUID(), tokenHash: randomUUID(), expiresAt: new Date(now.getTime() + idleMs), absoluteExpiresAt: new Date(now.getTime() + 30 * idleMs), ip: null, userAgent: null };
  await store.create(session);
  return session;
}
const stored = async (sessionId: string) =>
  (await pool.query<{ last_seen_at: Date; expires_at: Date; xmin: string }>(`SELECT last_seen_at, expires_at, xmin::text FROM "${schema}".sessions WHERE session_id = $1`, [sessionId])).rows[0]!;

test('touch slides the expiry, but writes the row at most once per granularity', async () => {
  const now = new Date();
  const session = await newSession(now);
  const before = await stored(session.sessionId);

  // Within a minute of the last write: the session is live and nothing is written (same row version).
  expect(await store.touch(session.tokenHash, new Date(now.getTime() + 30_000), idleMs)).toMatchObject({ sessionId: session.sessionId });
  expect((await stored(session.sessionId)).xmin).toBe(before.xmin);

  // Later: written, and the expiry slides from this moment.
  const later = new Date(now.getTime() + 5 * 60_000);
  expect(await store.touch(session.tokenHash, later, idleMs)).toMatchObject({ sessionId: session.sessionId });
  const after = await stored(session.sessionId);
  expect(after.last_seen_at.getTime()).toBe(later.getTime());
  expect(after.expires_at.getTime()).toBe(later.getTime() + idleMs);
});

test('an idle, expired or unknown session is not live', async () => {
  const now = new Date();
  const session = await newSession(now);
  expect(await store.touch(session.tokenHash, new Date(now.getTime() + idleMs + 1), idleMs)).toBeNull();
  expect(await store.touch(randomUUID(), now, idleMs)).toBeNull();
  const revoked = await newSession(now);
  await store.revoke(revoked.userId, revoked.sessionId, now);
  expect(await store.touch(revoked.tokenHash, now, idleMs)).toBeNull();
});
