import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { createPostgresCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import { createKysely } from '../../src/adapters/postgres/createKysely';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../src/commands/handleCommand';
import { issueInvoice } from '../../src/commands/issueInvoice';
import { loadInstanceState } from '../../src/commands/loadInstanceState';
import { loadPayment } from '../../src/commands/paymentCommandHandlers';
import { startDunningProcess, type DunningProcess } from '../../src/processes/startDunningProcess';
import { dunningProjection } from '../../src/projections/billing/dunningProjection';
import { dunningCandidates } from '../../src/projections/billing/queryDunning';
import type { ProjectionDb } from '../../src/projections/runtime/projection';
import { servingTableNames } from '../../src/projections/runtime/servingTableNames';
import { createTestDocker } from '../support/docker';
import { startInstancePlatform, type InstancePlatform } from '../support/instancePlatform';
import { paynowTestPhones, startPaynowSimulator, type PaynowSimulator } from '../support/paynowSimulator';
import { createTestPool } from '../support/postgres';
import { createTestVhost, deleteTestVhost } from '../support/rabbitmq';
import { signUp, type SignedUpUser } from '../support/signUp';
import { freePort } from '../support/freePort';
import { probeUntil } from '../support/probeUntil';
import { grantOperator } from '../support/grantOperator';

const eventually = <T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000) => probeUntil(probe, timeoutMs);

// Dunning on the whole platform (api + worker, sagas and notifier over RabbitMQ, real Docker, one
// Odoo double): reminders, past due, suspension (the instance stopped, data kept), paying resumes it
// within the callback's one poll, operators' levers, and deletion with a final backup after the
// retention. The dunning clock is the test's (docs/decisions/052): no date of today, no sleeping.
jest.setTimeout(600_000);

const integration = { id: '7176', key: 'c1d2e3f4-paynow-dunning-test-key' };
let simulator: PaynowSimulator;
let world: InstancePlatform;
let vhost: string;
let pool: pg.Pool;
let db: ProjectionDb;
let handleCommand: HandleCommand;
let dunning: DunningProcess;
let owner: SignedUpUser;
let operator: SignedUpUser;
let tenantId: string;
let instanceId: string;
let clock = new Date('2031-03-07T08:00:00Z');

beforeAll(async () => {
  simulator = await startPaynowSimulator({ integrations: [integration], delays: { successMs: 200, delayedSuccessMs: 3_000, userCancelledMs: 200 } });
  vhost = await createTestVhost('dunning');
  const port = await freePort();
  world = await startInstancePlatform('dunning', {
    HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', BUS_ENABLED: 'true', AMQP_VHOST: vhost, USAGE_METER_INTERVAL_MS: '0',
    PAYNOW_INTEGRATION_ID: integration.id, PAYNOW_INTEGRATION_KEY: integration.key, PAYNOW_BASE_URL: simulator.baseUrl,
    PAYNOW_RESULT_URL: `http://127.0.0.1:${port}/api/v1/billing/paynow/result`, PAYNOW_RETURN_URL: `http://127.0.0.1:${port}/billing/returned`,
    PAYNOW_AUTH_EMAIL: 'payer@example.com',
    // The payment saga's own first poll comes after a minute: a resume sooner came from the callback's one poll.
    PAYMENT_POLL_FIRST_MS: '60000',
    // The platform's own loop runs on the wall clock; this suite ticks its own.
    DUNNING_ENABLED: 'false',
  });
  await world.platform.busReady();
  const { config } = world.platform;
  pool = createTestPool(4);
  db = createKysely(pool);
  handleCommand = createCommandPipeline({ store: world.platform.store, commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5 });
  const tables = servingTableNames(dunningProjection, config.READMODEL_SCHEMA);
  dunning = startDunningProcess({
    autoStart: false, now: () => clock, intervalMs: 1_000, handleCommand,
    candidates: (dueBy) => dunningCandidates(db, tables, dueBy), graceDays: 7, cancelAfterDays: 30, retentionDays: 30,
  });
  owner = await signUp(world.platform.url);
  operator = await signUp(world.platform.url);
  await grantOperator(config, operator.email);
  tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Chitungwiza Bakery' }, owner.auth)).body.tenantId);
  const requested = await call('POST', '/api/v1/instances', { tenantId, name: 'Bakery ERP', subdomain: `dun${process.pid}`, plan: 'starter', adminEmail: owner.email }, owner.auth);
  expect(requested.status).toBe(202);
  instanceId = String(requested.body.instanceId);
  world.created.push(instanceId);
  await eventually(async () => ((await instance()).status === 'running' ? true : undefined), 120_000);
});

afterAll(async () => {
  await dunning?.stop();
  await world?.stop();
  await db?.destroy();
  await pool?.end().catch(() => undefined);
  await simulator?.close();
  if (vhost) await deleteTestVhost(vhost);
});

async function call(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${world.platform.url}${urlPath}`, {
    method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const metadata = (actor = 'system:billing') => ({ commandId: uuidv7(), actor, correlationId: uuidv7(), tenantId });
const instance = () => loadInstanceState(world.platform.store, instanceId);
const subscriptionEvents = async (type: string) => (await world.platform.store.readStream(`subscription-${instanceId}`)).filter((event) => event.type === type);
const containerRunning = async () => Boolean((await createTestDocker().getContainer(`odoo-${instanceId}`).inspect()).State.Running);

/** Ticks the dunning process at `day` until the subscription has `count` events of `type` (its
 * work list is a read model, which may not have seen the last command's events yet). */
async function tickUntil(day: string, type: string, count = 1) {
  clock = new Date(`${day}T08:00:00Z`);
  return eventually(async () => {
    await dunning.tick();
    const events = await subscriptionEvents(type);
    return events.length >= count ? events : undefined;
  }, 30_000);
}

async function issueInvoiceFor(dueOn: string, period: { start: string; end: string }): Promise<string> {
  const price = { amountMinor: 1500, currency: 'USD' as const };
  const drafted = await handleCommand({
    type: 'DraftInvoice',
    data: { tenantId, instanceId, currency: 'USD', dueOn, lines: [{ description: 'Starter plan', quantity: 1, unitAmountMinor: 1500 }], tax: { name: 'VAT', rateBasisPoints: 0 } },
    metadata: metadata(),
  });
  const invoiceId = drafted.streamName.slice('invoice-'.length);
  await issueInvoice({ handleCommand, store: world.platform.store }, { invoiceId, issuedOn: period.start }, metadata());
  await handleCommand({ type: 'RecordInvoiceIssued', data: { instanceId, invoiceId, total: price, dueOn, period: { ...period, price } }, metadata: metadata() });
  return invoiceId;
}

async function mailsTo(email: string): Promise<string[]> {
  const dir = world.platform.config.MAIL_DIR!;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.txt'));
  const texts = await Promise.all(names.map((name) => readFile(path.join(dir, name), 'utf8')));
  return texts.filter((text) => text.includes(email));
}

test('an unpaid invoice is reminded, goes past due, suspends the instance; paying resumes it within one poll', async () => {
  await handleCommand({
    type: 'StartSubscription',
    data: { instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', startedOn: '2031-02-17', trialDays: 14 },
    metadata: metadata(),
  });
  const invoiceId = await issueInvoiceFor('2031-03-10', { start: '2031-03-03', end: '2031-04-03' });

  await tickUntil('2031-03-07', 'SubscriptionPaymentReminded');
  await tickUntil('2031-03-10', 'SubscriptionPaymentReminded', 2);
  const [pastDue] = await tickUntil('2031-03-13', 'SubscriptionMarkedPastDue');
  expect(pastDue!.data).toMatchObject({ invoiceId, graceEndsOn: '2031-03-17' });
  const reminders = await tickUntil('2031-03-13', 'SubscriptionPaymentReminded', 3);
  expect(reminders.map((event) => event.data)).toEqual([
    expect.objectContaining({ reminder: 'beforeDue', graceEndsOn: null }),
    expect.objectContaining({ reminder: 'due', graceEndsOn: null }),
    expect.objectContaining({ reminder: 'overdue', graceEndsOn: '2031-03-17' }),
  ]);
  // A day's repeated ticks remind no one twice.
  await dunning.tick();
  expect(await subscriptionEvents('SubscriptionPaymentReminded')).toHaveLength(3);
  // The notifier mailed the owner one template each.
  const mails = await eventually(async () => {
    const found = await mailsTo(owner.email);
    return ['is due on', 'is due today', 'will be suspended on 17 Mar 2031'].every((text) => found.some((mail) => mail.includes(text))) ? found : undefined;
  });
  expect(mails.filter((mail) => mail.includes('Bakery ERP')).length).toBeGreaterThanOrEqual(3);

  // Not yet: the grace period ends on the 17th.
  clock = new Date('2031-03-16T23:00:00Z');
  await dunning.tick();
  expect(await subscriptionEvents('SubscriptionSuspended')).toHaveLength(0);
  await tickUntil('2031-03-17', 'SubscriptionSuspended');
  await eventually(async () => {
    const state = await instance();
    return state.status === 'stopped' && state.pendingOperation === null ? true : undefined;
  });
  expect(await containerRunning()).toBe(false);
  // Its owner cannot start it around the invoice.
  const startRefused = await call('POST', `/api/v1/instances/${instanceId}/actions`, { action: 'start' }, owner.auth);
  expect(startRefused.status).toBe(409);
  expect(JSON.stringify(startRefused.body)).toContain('subscription-suspended');

  // Paying: the callback's one poll confirms it; the instance starts again long before the
  // payment saga's own first poll (a minute).
  const paidAt = Date.now();
  const started = await call('POST', `/api/v1/billing/invoices/${invoiceId}/pay`, { method: 'ecocash', phone: paynowTestPhones.success }, owner.auth);
  expect(started.status).toBe(202);
  const reference = String(started.body.reference);
  await eventually(async () => ((await subscriptionEvents('SubscriptionResumed')).length > 0 ? true : undefined), 45_000);
  await eventually(async () => {
    const state = await instance();
    return state.status === 'running' && state.pendingOperation === null ? true : undefined;
  }, 120_000);
  expect(Date.now() - paidAt).toBeLessThan(60_000);
  expect((await loadPayment(world.platform.store, reference)).status).toBe('confirmed');
  const polled = simulator.received.polls.length;
  expect(polled).toBeGreaterThanOrEqual(1);
  expect(await containerRunning()).toBe(true);
  expect((await subscriptionEvents('SubscriptionResumed'))[0]!.data).toMatchObject({ reason: 'paid' });
  const subscription = await call('GET', `/api/v1/billing/instances/${instanceId}/subscription`, undefined, owner.auth);
  expect(subscription.body.state).toBe('active');
});

test('operators extend grace and waive an invoice, with a reason; a tenant gets 403', async () => {
  const invoiceId = await issueInvoiceFor('2031-04-10', { start: '2031-04-03', end: '2031-05-03' });
  await tickUntil('2031-04-11', 'SubscriptionMarkedPastDue', 2);

  const grace = { graceEndsOn: '2031-04-24', reason: 'customer called: paying on the 20th' };
  expect((await call('POST', `/api/v1/billing/operator/instances/${instanceId}/grace`, grace, owner.auth)).status).toBe(403);
  expect((await call('POST', `/api/v1/billing/operator/invoices/${invoiceId}/waive`, { reason: 'mine' }, owner.auth)).status).toBe(403);
  expect((await call('POST', `/api/v1/billing/operator/invoices/${invoiceId}/waive`, { reason: 'anonymous' })).status).toBe(401);

  // Operators' views: past-due tenants, revenue per month and currency, failed payments; not a tenant's.
  for (const view of ['past-due', 'revenue', 'failed-payments']) expect((await call('GET', `/api/v1/billing/operator/${view}`, undefined, owner.auth)).status).toBe(403);
  const pastDue = await eventually(async () => {
    const response = await call('GET', '/api/v1/billing/operator/past-due', undefined, operator.auth);
    return (response.body.subscriptions as Array<{ instanceId: string }>).find((row) => row.instanceId === instanceId);
  });
  expect(pastDue).toMatchObject({ tenantId, state: 'past_due', graceEndsOn: '2031-04-17', unpaidInvoices: 1 });
  const revenue = await call('GET', '/api/v1/billing/operator/revenue', undefined, operator.auth);
  expect(revenue.body.months).toEqual([expect.objectContaining({ currency: 'USD', invoices: 1, totalMinor: 1500 })]);
  expect((await call('GET', '/api/v1/billing/operator/failed-payments', undefined, operator.auth)).body).toEqual({ payments: [] });

  const extended = await call('POST', `/api/v1/billing/operator/instances/${instanceId}/grace`, grace, operator.auth);
  expect(extended.status).toBe(200);
  const [extension] = await subscriptionEvents('SubscriptionGraceExtended');
  expect(extension!.data).toMatchObject({ graceEndsOn: '2031-04-24', previousGraceEndsOn: '2031-04-17', reason: grace.reason });
  // The first grace end passes without a suspension.
  clock = new Date('2031-04-17T08:00:00Z');
  for (let tick = 0; tick < 3; tick += 1) await dunning.tick();
  expect(await subscriptionEvents('SubscriptionSuspended')).toHaveLength(1);

  const waived = await call('POST', `/api/v1/billing/operator/invoices/${invoiceId}/waive`, { reason: 'goodwill after the outage' }, operator.auth);
  expect(waived.status).toBe(200);
  const invoiceEvents = await world.platform.store.readStream(`invoice-${invoiceId}`);
  expect(invoiceEvents.find((event) => event.type === 'InvoiceWaived')!.data).toMatchObject({ reason: 'goodwill after the outage' });
  await eventually(async () => ((await subscriptionEvents('SubscriptionReactivated')).length > 0 ? true : undefined));
  expect((await instance()).status).toBe('running');
});

test('a cancelled subscription stops its instance, and after the retention deletes it with a final backup', async () => {
  await handleCommand({ type: 'CancelSubscription', data: { instanceId, reason: 'closing the shop' }, metadata: metadata(owner.userId) });
  await eventually(async () => {
    const state = await instance();
    return state.status === 'stopped' && state.pendingOperation === null ? true : undefined;
  });
  const [cancelled] = await subscriptionEvents('SubscriptionCancelled');
  // A day short of the retention: nothing; then the deletion.
  clock = new Date(cancelled!.createdAt.getTime() + 29 * 86_400_000);
  await dunning.tick();
  expect((await instance()).status).toBe('stopped');
  clock = new Date(cancelled!.createdAt.getTime() + 30 * 86_400_000);
  await eventually(async () => {
    await dunning.tick();
    return (await instance()).status === 'deleting' ? true : undefined;
  }, 30_000);
  await eventually(async () => ((await instance()).status === 'deleted' ? true : undefined), 240_000);
  const events = await world.platform.store.readStream(`instance-${instanceId}`);
  expect(events.find((event) => event.type === 'InstanceDeletionRequested')!.data).toMatchObject({ gracePeriodSeconds: 0 });
  // The delete saga's final backup completed before anything was destroyed.
  const { rows } = await pool.query<{ stream_name: string }>(
    `SELECT stream_name FROM "${world.platform.config.EVENTSTORE_SCHEMA}".events WHERE stream_name LIKE 'backup-%' AND data->>'instanceId' = $1 AND data->>'trigger' = 'pre-delete'`,
    [instanceId],
  );
  expect(rows.length).toBeGreaterThanOrEqual(1);
  const backupEvents = await world.platform.store.readStream(rows[0]!.stream_name);
  expect(backupEvents.map((event) => event.type)).toContain('BackupCompleted');
});
