import { v7 as uuidv7 } from 'uuid';
import { createInMemoryCommandLog } from '../../src/adapters/commandLog/createInMemoryCommandLog';
import { createInMemoryEventStore } from '../../src/adapters/eventstore/inMemory/createInMemoryEventStore';
import { eventPayloadSchemas } from '../../src/api/amqp/eventPayloadSchemas';
import { commandAccess } from '../../src/api/authorization/commandAccess';
import { createAuthorizer } from '../../src/api/authorization/createAuthorizer';
import { createCommandAuthorizer } from '../../src/api/authorization/createCommandAuthorizer';
import { createTenantAccessLoader } from '../../src/api/authorization/loadTenantAccess';
import { billingCommandHandlers } from '../../src/commands/billingCommandHandlers';
import { CommandValidationError } from '../../src/commands/commandErrors';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../src/commands/handleCommand';
import { ForbiddenError } from '../../src/commands/identity/identityErrors';
import { issueInvoice } from '../../src/commands/issueInvoice';
import { invoiceEventTypes } from '../../src/domain/billing/invoice/invoiceEvents';
import { invoiceNumberEventTypes } from '../../src/domain/billing/invoice/invoiceNumberSequence';
import { subscriptionEventTypes } from '../../src/domain/billing/subscription/subscriptionEvents';
import { subscriptionStream } from '../../src/domain/billing/subscription/subscriptionStream';
import type { Principal } from '../../src/domain/authorization/principal';
import { rolePermissions } from '../../src/domain/authorization/tenantPermissions';
import { DomainError, NotFoundError } from '../../src/domain/shared/decider';

const owner = '01900000-0000-7000-8000-00000000000a';
const stranger = '01900000-0000-7000-8000-00000000000c';
const instanceId = '01900000-0000-7000-8000-0000000000a1';
const meta = (actor = 'system:billing') => ({ commandId: uuidv7(), correlationId: 'corr', actor });

function setup() {
  const store = createInMemoryEventStore();
  const handleCommand = createCommandPipeline({ store, commandLog: createInMemoryCommandLog(), handlers: commandHandlers, conflictRetries: 3 });
  return { store, handleCommand };
}

const draftData = (tenantId: string, currency = 'USD') => ({
  tenantId, instanceId, currency, dueOn: '2025-05-08',
  lines: [{ description: 'Starter plan, May 2025', quantity: 1, unitAmountMinor: 1500 }], tax: { name: 'VAT', rateBasisPoints: 1500 },
});

describe('Billing commands', () => {
  it('publishes a payload schema, in its stream category, for every billing event', () => {
    const declared = [...subscriptionEventTypes, ...invoiceEventTypes, ...invoiceNumberEventTypes];
    expect(declared.filter((type) => !eventPayloadSchemas[type])).toEqual([]);
    expect(eventPayloadSchemas.SubscriptionSuspended?.category).toBe('subscription');
    expect(eventPayloadSchemas.InvoicePaid?.category).toBe('invoice');
    expect(eventPayloadSchemas.InvoiceNumberAssigned?.category).toBe('invoicenumbers');
    expect(eventPayloadSchemas.CreditNoteNumberAssigned?.category).toBe('creditnotenumbers');
  });

  it('has an ingress policy for each: tenant billing:manage, operator or internal', () => {
    for (const type of Object.keys(billingCommandHandlers)) expect(commandAccess[type]).toBeDefined();
    const kinds = Object.fromEntries(Object.keys(billingCommandHandlers).map((type) => [type, commandAccess[type]!({ tenantId: 't' }, 'a')]));
    expect(kinds.ChangeSubscriptionBilling).toEqual({ kind: 'tenant', tenantId: 't', permission: 'billing:manage' });
    expect(kinds.CancelSubscription).toEqual({ kind: 'tenant', tenantId: 't', permission: 'billing:manage' });
    for (const type of ['ExtendSubscriptionGrace', 'WaiveInvoice', 'VoidInvoice']) expect(kinds[type]).toEqual({ kind: 'operator' });
    for (const type of ['RecordPaymentReceived', 'IssueInvoice', 'AssignInvoiceNumber', 'ChangeSubscriptionPlan', 'SuspendSubscription']) {
      expect(kinds[type]).toEqual({ kind: 'internal' });
    }
  });

  it('lets a tenant\'s admins choose the currency, not members or strangers, and nobody claim a payment', async () => {
    const { store, handleCommand } = setup();
    const created = await handleCommand({ type: 'CreateTenant', data: { name: 'Harare Hardware' }, metadata: meta(owner) });
    const tenantId = created.streamName.slice('tenant-'.length);
    const authorizeCommand = createCommandAuthorizer(commandHandlers, createAuthorizer(createTenantAccessLoader(store), async () => ({ emailVerified: true })), {
      resolveTenantId: async (_type, data) => (data.instanceId === instanceId ? tenantId : undefined),
    });
    const person = (userId: string, operator = false): Principal => ({ kind: 'user', userId, operator, sessionId: null });
    const choose = { type: 'ChangeSubscriptionBilling', data: { instanceId, currency: 'ZWG' }, metadata: { commandId: uuidv7(), correlationId: 'corr' } };
    await expect(authorizeCommand(person(owner), choose)).resolves.toMatchObject({ metadata: { actor: owner, tenantId } });
    await expect(authorizeCommand(person(stranger), choose)).rejects.toThrow(NotFoundError);
    expect(rolePermissions.member).not.toContain('billing:manage');
    expect(rolePermissions.admin).toEqual(expect.arrayContaining(['billing:read', 'billing:manage']));
    const paid = {
      type: 'RecordPaymentReceived',
      data: { invoiceId: uuidv7(), reference: 'PN-1', amount: { amountMinor: 1725, currency: 'USD' }, receivedAt: '2025-05-03T09:15:00.000Z' },
      metadata: { commandId: uuidv7(), correlationId: 'corr' },
    };
    await expect(authorizeCommand(person(owner), paid)).rejects.toThrow(ForbiddenError);
    await expect(authorizeCommand(person(owner, true), paid)).rejects.toThrow(ForbiddenError);
    await expect(authorizeCommand(person(owner, true), { ...paid, type: 'WaiveInvoice', data: { invoiceId: paid.data.invoiceId, reason: 'outage' } })).resolves.toBeDefined();
    await expect(authorizeCommand(person(owner), { ...paid, type: 'WaiveInvoice', data: { invoiceId: paid.data.invoiceId, reason: 'outage' } })).rejects.toThrow(ForbiddenError);
  });

  it('refuses money as a float and days that are not calendar days', async () => {
    const { handleCommand } = setup();
    const start = { instanceId, tenantId: owner, plan: 'starter', startedOn: '2025-04-17', trialDays: 14 };
    await expect(handleCommand({ type: 'StartSubscription', data: { ...start, startedOn: '2025-02-30' }, metadata: meta() })).rejects.toThrow(CommandValidationError);
    await expect(handleCommand({ type: 'ChangeSubscriptionPlan', data: { instanceId, plan: 'business', price: { amountMinor: 35.5, currency: 'USD' }, changedOn: '2025-05-11' }, metadata: meta() }))
      .rejects.toThrow(CommandValidationError);
    const started = await handleCommand({ type: 'StartSubscription', data: start, metadata: meta() });
    expect(started.streamName).toBe(subscriptionStream(instanceId));
  });

  it('records who cancelled, extended or waived from the caller, not the body', async () => {
    const { store, handleCommand } = setup();
    await handleCommand({ type: 'StartSubscription', data: { instanceId, tenantId: owner, plan: 'starter', startedOn: '2025-04-17', trialDays: 14 }, metadata: meta() });
    await handleCommand({ type: 'CancelSubscription', data: { instanceId }, metadata: meta(owner) });
    const [, cancelled] = await store.readStream(subscriptionStream(instanceId));
    expect(cancelled!.data).toEqual({ instanceId, reason: 'cancelled on request', cancelledBy: owner });
  });

  it('gives a number only to a draft of that currency and issues only with the number given', async () => {
    const { store, handleCommand } = setup();
    const drafted = await handleCommand({ type: 'DraftInvoice', data: draftData(owner), metadata: meta() });
    const invoiceId = drafted.streamName.slice('invoice-'.length);
    await expect(handleCommand({ type: 'AssignInvoiceNumber', data: { currency: 'ZWG', invoiceId }, metadata: meta() })).rejects.toThrow(DomainError);
    await expect(handleCommand({ type: 'AssignCreditNoteNumber', data: { currency: 'USD', invoiceId }, metadata: meta() })).rejects.toThrow(DomainError);
    await expect(handleCommand({ type: 'AssignInvoiceNumber', data: { currency: 'USD', invoiceId: uuidv7() }, metadata: meta() })).rejects.toThrow(NotFoundError);
    await expect(handleCommand({ type: 'IssueInvoice', data: { invoiceId, number: 1, issuedOn: '2025-05-01' }, metadata: meta() })).rejects.toThrow(/was not given/);

    const { number } = await issueInvoice({ handleCommand, store }, { invoiceId, issuedOn: '2025-05-01' }, meta());
    expect(number).toBe(1);
    const second = await handleCommand({ type: 'DraftInvoice', data: draftData(owner), metadata: meta() });
    const secondId = second.streamName.slice('invoice-'.length);
    await handleCommand({ type: 'AssignInvoiceNumber', data: { currency: 'USD', invoiceId: secondId }, metadata: meta() });
    await expect(handleCommand({ type: 'IssueInvoice', data: { invoiceId: secondId, number: 1, issuedOn: '2025-05-01' }, metadata: meta() })).rejects.toThrow(/was not given/);
    await expect(issueInvoice({ handleCommand, store }, { invoiceId: secondId, issuedOn: '2025-05-01' }, meta())).resolves.toMatchObject({ number: 2 });
    await expect(issueInvoice({ handleCommand, store }, { invoiceId: uuidv7(), issuedOn: '2025-05-01' }, meta())).rejects.toThrow(NotFoundError);
  });
});
