import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { createPostgresCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../src/commands/handleCommand';
import { issueInvoice } from '../../src/commands/issueInvoice';
import { startPublisherWorld, type PublisherWorld } from '../security/support/publisherWorld';
import { createTestPool } from '../support/postgres';

// The billing commands over the AMQP command ingress (docs/decisions/027, 052): the same handlers and
// policy as HTTP. Operators' levers (extend grace, waive) run for an operator publisher, with its
// identity and the reason in the events; a tenant's publisher gets 403, and nobody may send the
// platform's own billing reports.
jest.setTimeout(120_000);

let world: PublisherWorld;
let pool: pg.Pool;
let handleCommand: HandleCommand;
let instanceId: string;
let invoiceId: string;

beforeAll(async () => {
  world = await startPublisherWorld('billingamqp');
  pool = createTestPool(2);
  handleCommand = createCommandPipeline({
    store: world.platform.store, commandLog: createPostgresCommandLog(pool, world.platform.config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5,
  });
  const tenantId = world.tenantA;
  const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId });
  const provisioned = await world.publish(world.tenantBot, {
    type: 'ProvisionInstance', data: { tenantId, name: 'Kiosk ERP', subdomain: `kiosk-${Date.now()}`, plan: 'starter', adminEmail: 'owner@example.test' },
  }, { userId: world.tenantBot.user });
  expect(provisioned).toMatchObject({ kind: 'reply', reply: { ok: true } });
  instanceId = String((provisioned as { reply: { result: { streamName: string } } }).reply.result.streamName).slice('instance-'.length);
  await handleCommand({ type: 'StartSubscription', data: { instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', startedOn: '2031-01-01', trialDays: 14 }, metadata: metadata() });
  const drafted = await handleCommand({
    type: 'DraftInvoice',
    data: { tenantId, instanceId, currency: 'USD', dueOn: '2031-01-22', lines: [{ description: 'Starter plan', quantity: 1, unitAmountMinor: 1500 }], tax: { name: 'VAT', rateBasisPoints: 0 } },
    metadata: metadata(),
  });
  invoiceId = drafted.streamName.slice('invoice-'.length);
  await issueInvoice({ handleCommand, store: world.platform.store }, { invoiceId, issuedOn: '2031-01-15' }, metadata());
  const price = { amountMinor: 1500, currency: 'USD' as const };
  await handleCommand({ type: 'RecordInvoiceIssued', data: { instanceId, invoiceId, total: price, dueOn: '2031-01-22', period: { start: '2031-01-15', end: '2031-02-15', price } }, metadata: metadata() });
  await handleCommand({ type: 'MarkSubscriptionPastDue', data: { instanceId, invoiceId, graceEndsOn: '2031-01-29' }, metadata: metadata() });
}, 120_000);

afterAll(async () => {
  await world?.teardown();
  await pool?.end();
});

const subscriptionEvents = async () => world.events(`subscription-${instanceId}`);

test('a tenant\'s publisher cannot extend grace, waive, or send the platform\'s billing reports', async () => {
  const bot = world.tenantBot;
  const refused = [
    { type: 'ExtendSubscriptionGrace', data: { instanceId, graceEndsOn: '2031-02-05', reason: 'we said so' } },
    { type: 'WaiveInvoice', data: { invoiceId, reason: 'free please' } },
    { type: 'RecordInvoiceSettled', data: { instanceId, invoiceId, settlement: 'paid' } },
    { type: 'RecordPaymentReceived', data: { invoiceId, reference: 'forged', amount: { amountMinor: 1500, currency: 'USD' }, receivedAt: new Date().toISOString() } },
  ];
  for (const command of refused) {
    const outcome = await world.publish(bot, command, { userId: bot.user });
    expect(outcome).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 403 } } });
  }
  // Not even the operator publisher may claim a payment: only the payment saga, after Paynow confirmed it.
  const forged = await world.publish(world.operator, refused[3]!, { userId: world.operator.user });
  expect(forged).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 403 } } });
  expect((await subscriptionEvents()).map((event) => event.type)).not.toContain('SubscriptionGraceExtended');
  expect((await world.events(`invoice-${invoiceId}`)).map((event) => event.type)).toEqual(['InvoiceDrafted', 'InvoiceIssued']);
});

test('the operator publisher extends grace and waives, with its identity and the reason in the events', async () => {
  const ops = world.operator;
  const extended = await world.publish(ops, { type: 'ExtendSubscriptionGrace', data: { instanceId, graceEndsOn: '2031-02-05', reason: 'paying at month end' } }, { userId: ops.user });
  expect(extended).toMatchObject({ kind: 'reply', reply: { ok: true } });
  const extension = (await subscriptionEvents()).find((event) => event.type === 'SubscriptionGraceExtended')!;
  expect(extension).toMatchObject({ data: { graceEndsOn: '2031-02-05', previousGraceEndsOn: '2031-01-29', reason: 'paying at month end', extendedBy: 'system:ops-bot' } });

  const waived = await world.publish(ops, { type: 'WaiveInvoice', data: { invoiceId, reason: 'goodwill' } }, { userId: ops.user });
  expect(waived).toMatchObject({ kind: 'reply', reply: { ok: true } });
  const invoiceEvents = await world.events(`invoice-${invoiceId}`);
  expect(invoiceEvents[invoiceEvents.length - 1]).toMatchObject({ type: 'InvoiceWaived', data: { reason: 'goodwill', waivedBy: 'system:ops-bot' } });
  // A bad day is refused as HTTP would refuse it.
  const invalid = await world.publish(ops, { type: 'ExtendSubscriptionGrace', data: { instanceId, graceEndsOn: '2031-02-31', reason: 'x' } }, { userId: ops.user });
  expect(invalid).toMatchObject({ kind: 'reply', reply: { ok: false, problem: { status: 400 } } });
});
