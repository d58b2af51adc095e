import { createInMemoryCommandLog } from '../../../src/adapters/commandLog/createInMemoryCommandLog';
import { createInMemoryEventStore } from '../../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { commandAccess } from '../../../src/api/authorization/commandAccess';
import { createAuthorizer } from '../../../src/api/authorization/createAuthorizer';
import { createCommandAuthorizer } from '../../../src/api/authorization/createCommandAuthorizer';
import { createTenantAccessLoader } from '../../../src/api/authorization/loadTenantAccess';
import { principalFromIdentity } from '../../../src/api/authorization/principalFromIdentity';
import { CommandValidationError } from '../../../src/commands/commandErrors';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../../src/commands/handleCommand';
import { ForbiddenError, UnauthenticatedError } from '../../../src/commands/identity/identityErrors';
import type { Principal } from '../../../src/domain/authorization/principal';
import { NotFoundError } from '../../../src/domain/shared/decider';

function setup() {
  const store = createInMemoryEventStore();
  const handleCommand = createCommandPipeline({ store, commandLog: createInMemoryCommandLog(), handlers: commandHandlers, conflictRetries: 3 });
  const authorizeCommand = createCommandAuthorizer(commandHandlers, createAuthorizer(createTenantAccessLoader(store), verifiedCallers));
  return { store, handleCommand, authorizeCommand };
}

const owner = '01900000-0000-7000-8000-00000000000a';
// The email gate is the policy's concern (tests/security/noQuotas): here every person is verified.
const verifiedCallers = async () => ({ emailVerified: true });
const stranger: Principal = { kind: 'user', userId: '01900000-0000-7000-8000-00000000000b', operator: false, sessionId: null };
let n = 0;
const meta = () => ({ commandId: `c-${(n += 1)}`, correlationId: 'corr' });

describe('AMQP command authorization', () => {
  it('has a policy for every command in the handler table', () => {
    expect(Object.keys(commandAccess).sort()).toEqual(Object.keys(commandHandlers).sort());
  });

  it('sets the actor from the connection identity, never from the message', async () => {
    const { handleCommand, authorizeCommand } = setup();
    const amqp = principalFromIdentity('system:amqp');
    const envelope = await authorizeCommand(amqp, { type: 'CreateTenant', data: { name: 'Via AMQP' }, metadata: { ...meta(), actor: 'someone-else' } as never });
    expect(envelope.metadata.actor).toBe('system:amqp');
    const result = await handleCommand(envelope);
    expect(result.streamName).toMatch(/^tenant-/);
  });

  it('decides tenant commands by the tenant\'s members and overwrites "who did it" fields', async () => {
    const { handleCommand, authorizeCommand } = setup();
    const created = await handleCommand({ type: 'CreateTenant', data: { name: 'Owned Co' }, metadata: { ...meta(), actor: owner } });
    const tenantId = created.streamName.slice('tenant-'.length);
    const ownerPrincipal: Principal = { kind: 'user', userId: owner, operator: false, sessionId: null };

    const rename = { type: 'RenameTenant', data: { tenantId, name: 'Renamed Co' }, metadata: meta() };
    await expect(authorizeCommand(stranger, rename)).rejects.toThrow(NotFoundError);
    await expect(authorizeCommand({ kind: 'anonymous' }, rename)).rejects.toThrow(UnauthenticatedError);
    await expect(authorizeCommand(ownerPrincipal, rename)).resolves.toMatchObject({ metadata: { actor: owner } });

    const revoke = await authorizeCommand(principalFromIdentity('system:billing'), {
      type: 'RevokeInvitation', data: { tenantId, invitationId: '01900000-0000-7000-8000-0000000000ff', revokedBy: 'forged' }, metadata: meta(),
    });
    expect(revoke.data).toMatchObject({ revokedBy: 'system:billing' });
  });

  it('refuses internal commands to every ingress identity, operators included', async () => {
    const { authorizeCommand } = setup();
    const operator: Principal = { kind: 'user', userId: owner, operator: true, sessionId: null };
    const register = { type: 'RegisterUser', data: { userId: owner, email: 'x@example.test', displayName: 'X' }, metadata: meta() };
    await expect(authorizeCommand(principalFromIdentity('system:amqp'), register)).rejects.toThrow(ForbiddenError);
    await expect(authorizeCommand(operator, { type: 'GrantOperatorRole', data: { userId: owner }, metadata: meta() })).rejects.toThrow(ForbiddenError);
  });

  it('decides commands that name only an instance by the tenant the ingress resolves', async () => {
    const { store, handleCommand } = setup();
    const created = await handleCommand({ type: 'CreateTenant', data: { name: 'Instance Owner Co' }, metadata: { ...meta(), actor: owner } });
    const tenantId = created.streamName.slice('tenant-'.length);
    const instanceId = '01900000-0000-7000-8000-0000000000c1';
    const authorizeCommand = createCommandAuthorizer(commandHandlers, createAuthorizer(createTenantAccessLoader(store), verifiedCallers), {
      resolveTenantId: async (_type, data) => (data.instanceId === instanceId ? tenantId : undefined),
    });
    const start = (id: string) => ({ type: 'StartInstance', data: { instanceId: id }, metadata: meta() });
    await expect(authorizeCommand({ kind: 'user', userId: owner, operator: false, sessionId: null }, start(instanceId))).resolves.toBeDefined();
    await expect(authorizeCommand(stranger, start(instanceId))).rejects.toThrow(NotFoundError);
    await expect(authorizeCommand({ kind: 'user', userId: owner, operator: false, sessionId: null }, start('01900000-0000-7000-8000-0000000000c2'))).rejects.toThrow(NotFoundError);
  });

  it('decides by the named instance\'s own tenant, not a tenantId the message pairs with it', async () => {
    const { store, handleCommand } = setup();
    const own = await handleCommand({ type: 'CreateTenant', data: { name: 'Attacker Co' }, metadata: { ...meta(), actor: owner } });
    const ownTenantId = own.streamName.slice('tenant-'.length);
    const victimTenantId = '01900000-0000-7000-8000-0000000000d1';
    const victimInstanceId = '01900000-0000-7000-8000-0000000000d2';
    const authorizeCommand = createCommandAuthorizer(commandHandlers, createAuthorizer(createTenantAccessLoader(store), verifiedCallers), {
      resolveTenantId: async (_type, data) => (data.instanceId === victimInstanceId ? victimTenantId : undefined),
    });
    const ownerPrincipal: Principal = { kind: 'user', userId: owner, operator: false, sessionId: null };
    const policy = (instanceId: string) => ({
      type: 'SetBackupPolicy', data: { instanceId, tenantId: ownTenantId, enabled: true, hour: 3, timeZone: 'UTC', retention: null }, metadata: meta(),
    });
    await expect(authorizeCommand(ownerPrincipal, policy(victimInstanceId))).rejects.toThrow(NotFoundError);
    // An instance the ingress does not know yet is decided by the tenant the message names.
    await expect(authorizeCommand(ownerPrincipal, policy('01900000-0000-7000-8000-0000000000d3'))).resolves.toBeDefined();
  });

  it('validates before deciding', async () => {
    const { authorizeCommand } = setup();
    await expect(authorizeCommand(stranger, { type: 'RenameTenant', data: { tenantId: 'nope' }, metadata: meta() })).rejects.toThrow(CommandValidationError);
    expect(() => principalFromIdentity('root')).toThrow(/system:/);
  });
});
