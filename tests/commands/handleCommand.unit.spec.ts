import { createInMemoryCommandLog } from '../../src/adapters/commandLog/createInMemoryCommandLog';
import type { EventStore } from '../../src/ports/eventStore';
import { createInMemoryEventStore } from '../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { CommandValidationError, ConcurrencyConflictError, IdempotencyKeyReusedError, UnknownCommandTypeError } from '../../src/commands/commandErrors';
import type { CommandMetadata } from '../../src/commands/commandEnvelope';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../src/commands/handleCommand';
import { newAggregateId } from '../../src/commands/newAggregateId';
import { DomainError } from '../../src/domain/shared/decider';

let commandCounter = 0;
function meta(overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  commandCounter += 1;
  return { commandId: `cmd-${commandCounter}-${Date.now()}`, actor: 'user-7', correlationId: `corr-${commandCounter}`, ...overrides };
}

function setup(store: EventStore = createInMemoryEventStore()) {
  const handleCommand = createCommandPipeline({ store, commandLog: createInMemoryCommandLog(), handlers: commandHandlers, conflictRetries: 3 });
  return { store, handleCommand };
}

describe('command pipeline', () => {
  it('validates, decides and appends with full metadata', async () => {
    const { store, handleCommand } = setup();
    const metadata = meta({ tenantId: undefined });
    const result = await handleCommand({ type: 'CreateTenant', data: { name: '  Mutare Motors ' }, metadata });

    const tenantId = newAggregateId(metadata.commandId);
    expect(result).toMatchObject({ commandId: metadata.commandId, streamName: `tenant-${tenantId}`, nextExpectedVersion: 0 });
    expect(result.position).not.toBeNull();
    const [event] = await store.readStream(result.streamName);
    expect(event).toMatchObject({
      type: 'TenantCreated',
      data: { tenantId, name: 'Mutare Motors', createdBy: 'user-7' },
      metadata: { commandId: metadata.commandId, correlationId: metadata.correlationId, causationId: metadata.commandId, actor: 'user-7', schemaVersion: 1 },
    });
    expect(typeof event!.metadata.occurredAt).toBe('string');
  });

  it('returns the first result for a repeated commandId and appends nothing', async () => {
    const { store, handleCommand } = setup();
    const metadata = meta();
    const first = await handleCommand({ type: 'CreateTenant', data: { name: 'Gweru Grocers' }, metadata });
    const again = await handleCommand({ type: 'CreateTenant', data: { name: 'Gweru Grocers' }, metadata });
    expect(again).toEqual(first);
    expect(await store.readAll()).toHaveLength(1);
  });

  it('finds a command already in its stream when the log lost it (crash between append and log write)', async () => {
    const store = createInMemoryEventStore();
    const metadata = meta();
    const first = await setup(store).handleCommand({ type: 'CreateTenant', data: { name: 'Kwekwe Kitchens' }, metadata });
    // A fresh log = the result was never recorded; the event in the stream still identifies the command.
    const again = await setup(store).handleCommand({ type: 'CreateTenant', data: { name: 'Kwekwe Kitchens' }, metadata });
    expect(again).toEqual(first);
    expect(await store.readAll()).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different command', async () => {
    const { handleCommand } = setup();
    const metadata = meta();
    await handleCommand({ type: 'CreateTenant', data: { name: 'One' }, metadata });
    await expect(handleCommand({ type: 'CreateTenant', data: { name: 'Two' }, metadata })).rejects.toThrow(IdempotencyKeyReusedError);
  });

  it('rejects unknown types and invalid data, writing nothing', async () => {
    const { store, handleCommand } = setup();
    await expect(handleCommand({ type: 'LaunchRocket', data: {}, metadata: meta() })).rejects.toThrow(UnknownCommandTypeError);
    await expect(handleCommand({ type: 'toString', data: {}, metadata: meta() })).rejects.toThrow(UnknownCommandTypeError);
    const invalid = handleCommand({ type: 'CreateTenant', data: { name: 'x', extra: true }, metadata: meta() });
    await expect(invalid).rejects.toThrow(CommandValidationError);
    await expect(invalid).rejects.toMatchObject({ fields: expect.arrayContaining([expect.objectContaining({ path: 'name' })]) });
    expect(await store.readAll()).toHaveLength(0);
  });

  it('surfaces domain errors without appending', async () => {
    const { store, handleCommand } = setup();
    const created = await handleCommand({ type: 'CreateTenant', data: { name: 'Chinhoyi Co' }, metadata: meta() });
    const tenantId = created.streamName.slice('tenant-'.length);
    await handleCommand({ type: 'DeleteTenant', data: { tenantId, reason: 'closed' }, metadata: meta() });
    await expect(handleCommand({ type: 'RenameTenant', data: { tenantId, name: 'Again' }, metadata: meta() })).rejects.toThrow(DomainError);
    expect(await store.readStream(created.streamName)).toHaveLength(2);
  });

  it('retries a version conflict and then gives up with ConcurrencyConflictError', async () => {
    const inner = createInMemoryEventStore();
    let interfere = 0;
    // Another writer sneaks an event in between every read and append, `interfere` times.
    const racing: EventStore = {
      ...inner,
      async appendToStream(name, events, options) {
        if (interfere > 0) {
          interfere -= 1;
          await inner.appendToStream(name, [{ type: 'TenantRenamed', data: { tenantId: name.slice(7), name: `race ${interfere}` }, metadata: {} }], { expectedVersion: 'any' });
        }
        return inner.appendToStream(name, events, options);
      },
    };
    const { handleCommand } = setup(racing);
    const created = await handleCommand({ type: 'CreateTenant', data: { name: 'Race Co' }, metadata: meta() });
    const tenantId = created.streamName.slice('tenant-'.length);

    interfere = 2;
    const renamed = await handleCommand({ type: 'RenameTenant', data: { tenantId, name: 'Winner' }, metadata: meta() });
    expect(renamed.nextExpectedVersion).toBe(3);

    interfere = 10;
    await expect(handleCommand({ type: 'RenameTenant', data: { tenantId, name: 'Loser' }, metadata: meta() })).rejects.toThrow(ConcurrencyConflictError);
  });

  it('refuses a new command whose precondition fails, writing nothing, but still answers a retry of an accepted one', async () => {
    const { store, handleCommand } = setup();
    const tenantId = '01900000-0000-7000-8000-0000000000a1';
    const provisioned = await handleCommand({
      type: 'ProvisionInstance', data: { tenantId, name: 'Busy ERP', subdomain: 'busy-erp', plan: 'starter', adminEmail: 'a@example.test' }, metadata: meta(),
    });
    const instanceId = provisioned.streamName.slice('instance-'.length);
    await handleCommand({ type: 'RecordInstanceProvisioned', data: { instanceId, url: 'http://busy-erp.test', containerName: 'c', databaseName: 'd' }, metadata: meta() });
    const backupId = '01900000-0000-7000-8000-0000000000b1';
    const restore = { type: 'RestoreBackup', data: { backupId, instanceId, tenantId }, metadata: meta() };
    const accepted = await handleCommand(restore);
    await handleCommand({ type: 'BeginInstanceRestore', data: { instanceId, restoreId: accepted.streamName.slice('restore-'.length), backupId }, metadata: meta() });

    const second = handleCommand({ type: 'RestoreBackup', data: { backupId, instanceId, tenantId }, metadata: meta() });
    await expect(second).rejects.toThrow(DomainError);
    await expect(second).rejects.toMatchObject({ code: 'operation-in-progress' });
    expect((await store.readAll({})).filter((e) => e.type === 'RestoreRequested')).toHaveLength(1);
    expect(await handleCommand(restore)).toEqual(accepted);
  });
});
