import { readAllCommitted } from '../../support/readAllCommitted';
import { sql } from 'kysely';
import type { EventStore } from '../../../src/ports/eventStore';
import { applyBatch } from '../../../src/projections/runtime/applyBatch';
import { ensureProjection } from '../../../src/projections/runtime/ensureProjection';
import type { Projection } from '../../../src/projections/runtime/projection';
import { servingTableNames } from '../../../src/projections/runtime/servingTableNames';
import { createMemberQueries } from '../../../src/projections/tenantMembers/createMemberQueries';
import { tenantMembersProjection } from '../../../src/projections/tenantMembers/tenantMembersProjection';
import { createUserDirectory } from '../../../src/projections/users/createUserDirectory';
import { usersProjection } from '../../../src/projections/users/usersProjection';
import { createProjectionTestContext } from '../support/projectionTestContext';

const context = createProjectionTestContext();
afterAll(() => context.close());

const tenantId = '01900000-0000-7000-8000-0000000000e1';
const [owner, alice, bob] = ['01900000-0000-7000-8000-0000000000a1', '01900000-0000-7000-8000-0000000000a2', '01900000-0000-7000-8000-0000000000a3'];

async function writeHistory(store: EventStore) {
  const user = (userId: string, type: string, data: object) =>
    store.appendToStream(`user-${userId}`, [{ type, data: { userId, ...data }, metadata: {} }], { expectedVersion: 'any' });
  const tenant = (type: string, data: object) =>
    store.appendToStream(`tenant-${tenantId}`, [{ type, data: { tenantId, ...data }, metadata: {} }], { expectedVersion: 'any' });
  await user(owner, 'UserRegistered', { email: 'owner@example.test', displayName: 'Owner' });
  await user(alice, 'UserRegistered', { email: 'alice@example.test', displayName: 'Alice' });
  await user(bob, 'UserRegistered', { email: 'bob@example.test', displayName: 'Bob' });
  await user(alice, 'UserProfileUpdated', { displayName: 'Alice M.' });
  await user(alice, 'UserLoginFailed', { reason: 'wrong-password', ip: '127.0.0.1' });
  await user(owner, 'OperatorRoleGranted', {});
  await tenant('TenantCreated', { name: 'T', createdBy: owner });
  await tenant('MemberJoined', { userId: alice, role: 'member', invitationId: 'i1' });
  await tenant('MemberJoined', { userId: bob, role: 'member', invitationId: 'i2' });
  await tenant('OwnershipTransferred', { previousOwnerId: owner, newOwnerId: alice });
  await tenant('MemberRemoved', { userId: bob, removedBy: alice });
  await tenant('TenantRenamed', { name: 'T2' });
  await tenant('MemberJoined', { userId: bob, role: 'admin', invitationId: 'i3' });
}

async function project(store: EventStore, schema: string, batchSize: number) {
  for (const projection of [usersProjection, tenantMembersProjection] as Projection[]) {
    await ensureProjection(context.db, projection, schema);
    const tables = servingTableNames(projection, schema);
    // writeHistory appends 13 events, one per call.
    const events = await readAllCommitted(store, 13);
    let from = null;
    for (let i = 0; i < events.length; i += batchSize) {
      const batch = events.slice(i, i + batchSize);
      const result = await applyBatch({ db: context.db, projection, schema, tables, from, events: batch });
      if (!result.applied) throw new Error('checkpoint moved');
      from = result.position;
    }
  }
}

async function rows(schema: string) {
  const users = await sql`SELECT user_id, email, display_name, operator, created_at FROM ${sql.id(schema, 'users')} ORDER BY user_id`.execute(context.db);
  const members = await sql`SELECT tenant_id, user_id, role, joined_at FROM ${sql.id(schema, 'tenant_members')} ORDER BY user_id`.execute(context.db);
  return { users: users.rows, members: members.rows };
}

describe('users and tenant_members read models', () => {
  it('end in the same rows whatever the batch boundaries, following the domain', async () => {
    const { store, schema: whole } = await context.fresh();
    await writeHistory(store);
    const { schema: single } = await context.fresh();
    await project(store, whole, 1000);
    await project(store, single, 1);
    expect(await rows(single)).toEqual(await rows(whole));

    const directory = createUserDirectory(context.db, whole);
    expect(await directory.getUser(alice)).toMatchObject({ displayName: 'Alice M.', operator: false });
    expect(await directory.isOperator(owner)).toBe(true);
    const members = await createMemberQueries(context.db, whole).listMembers(tenantId);
    expect(Object.fromEntries(members.map((m) => [m.userId, m.role]))).toEqual({ [owner]: 'admin', [alice]: 'owner', [bob]: 'admin' });
    expect(members.find((m) => m.userId === alice)).toMatchObject({ email: 'alice@example.test', displayName: 'Alice M.' });
    expect(await createMemberQueries(context.db, whole).tenantIdsOf(bob)).toEqual([tenantId]);
  });
});
