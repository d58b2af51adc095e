import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { createPostgresCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import { createKysely } from '../../src/adapters/postgres/createKysely';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../src/commands/handleCommand';
import { addMonths, addDays } from '../../src/domain/billing/calendarDays';
import { startDunningProcess, type DunningProcess } from '../../src/processes/startDunningProcess';
import { dunningProjection } from '../../src/projections/billing/dunningProjection';
import { dunningCandidates } from '../../src/projections/billing/queryDunning';
import { subscriptionsDueForInvoice } from '../../src/projections/billing/querySubscriptions';
import { subscriptionsProjection } from '../../src/projections/billing/subscriptionsProjection';
import type { ProjectionDb } from '../../src/projections/runtime/projection';
import { servingTableNames } from '../../src/projections/runtime/servingTableNames';
import { freePort } from '../support/freePort';
import { startPaynowSimulator, type PaynowSimulator } from '../support/paynowSimulator';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';
import { signUp, type SignedUpUser } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { probeUntil as eventually } from '../support/probeUntil';

// The billing cycle (issue 15 items 1–2) on a whole platform without Docker: a provisioned instance
// starts its trial (the startSubscription saga), and the cycle, on the suite's own clock counted from
// that trial's end, invoices each period once at the catalogue's price; the tenant sees the invoice.
jest.setTimeout(120_000);

const integration = { id: '7178', key: 'e5f6a7b8-paynow-cycle-test-key' };
let simulator: PaynowSimulator;
let platform: TestPlatform;
let pool: pg.Pool;
let db: ProjectionDb;
let handleCommand: HandleCommand;
let cycle: DunningProcess;
let owner: SignedUpUser;
let clock = new Date(0);
const sagaSchema = uniqueSchemaName('sg');

beforeAll(async () => {
  simulator = await startPaynowSimulator({ integrations: [integration] });
  const port = await freePort();
  platform = await startTestPlatform('all', {
    SAGA_SCHEMA: sagaSchema, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', SAGA_POLL_INTERVAL_MS: '100', DUNNING_ENABLED: 'false',
    // VAT 15 % in the sagas' documents as in the suite's cycle below.
    BILLING_TAX_BASIS_POINTS: '1500',
    PAYNOW_INTEGRATION_ID: integration.id, PAYNOW_INTEGRATION_KEY: integration.key, PAYNOW_BASE_URL: simulator.baseUrl,
    PAYNOW_RESULT_URL: `http://127.0.0.1:${port}/api/v1/billing/paynow/result`, PAYNOW_RETURN_URL: `http://127.0.0.1:${port}/billing/returned`,
  });
  pool = createTestPool(3);
  db = createKysely(createTestPool(2));
  const { config } = platform;
  handleCommand = createCommandPipeline({ store: platform.store, commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5 });
  const subscriptions = servingTableNames(subscriptionsProjection, config.READMODEL_SCHEMA);
  const dunning = servingTableNames(dunningProjection, config.READMODEL_SCHEMA);
  cycle = startDunningProcess({
    autoStart: false, now: () => clock, intervalMs: 1_000, handleCommand, graceDays: 7, cancelAfterDays: 30, retentionDays: 30,
    candidates: (dueBy) => dunningCandidates(db, dunning, dueBy),
    cycle: { handleCommand, store: platform.store, prices: config.PLAN_PRICES, taxBasisPoints: 1500, paymentTermDays: 7, due: (day) => subscriptionsDueForInvoice(db, subscriptions, day) },
  });
  owner = await signUp(platform.url);
});

afterAll(async () => {
  await cycle?.stop();
  await platform?.stop();
  await db?.destroy();
  await dropSchema(pool, sagaSchema);
  await pool?.end();
  await simulator?.close();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${platform.url}${path}`, { method, headers: { ...owner.auth, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('a provisioned instance starts its trial; each period after it is invoiced once, at the catalogue\'s price with VAT', async () => {
  const tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Mbare Motors' })).body.tenantId);
  const instanceId = uuidv7();
  const metadata = () => ({ commandId: uuidv7(), actor: 'system:test', correlationId: uuidv7(), tenantId });
  await handleCommand({
    type: 'ProvisionInstance', metadata: metadata(),
    data: { instanceId, tenantId, name: 'Motors ERP', subdomain: `motors${process.pid}`, plan: 'starter', adminEmail: owner.email },
  });
  await handleCommand({ type: 'RecordInstanceProvisioned', metadata: metadata(), data: { instanceId, url: 'http://motors.test.localhost', containerName: `odoo-${instanceId}`, databaseName: 'db' } });

  const subscriptionEvents = async (type: string) => (await platform.store.readStream(`subscription-${instanceId}`)).filter((event) => event.type === type);
  const [started] = await eventually(async () => {
    const events = await subscriptionEvents('SubscriptionStarted');
    return events.length > 0 ? events : undefined;
  });
  expect(started!.data).toMatchObject({ tenantId, plan: 'starter', currency: 'USD', interval: 'monthly' });
  const trialEndsOn = String((started!.data as { trialEndsOn: string }).trialEndsOn);

  const tickUntilInvoiced = async (day: string, count: number) => {
    clock = new Date(`${day}T06:00:00Z`);
    return eventually(async () => {
      await cycle.tick();
      const invoiced = await subscriptionEvents('SubscriptionInvoiced');
      return invoiced.length >= count ? invoiced : undefined;
    });
  };
  // The day before the trial ends: nothing.
  clock = new Date(`${addDays(trialEndsOn, -1)}T06:00:00Z`);
  await cycle.tick();
  expect(await subscriptionEvents('SubscriptionInvoiced')).toHaveLength(0);

  const [first] = await tickUntilInvoiced(trialEndsOn, 1);
  expect(first!.data).toMatchObject({
    total: { amountMinor: 1725, currency: 'USD' }, dueOn: addDays(trialEndsOn, 7),
    period: { start: trialEndsOn, end: addMonths(trialEndsOn, 1), price: { amountMinor: 1500, currency: 'USD' } },
  });
  expect(await subscriptionEvents('SubscriptionActivated')).toHaveLength(1);
  // Ticking again that day invoices nothing more.
  for (let tick = 0; tick < 3; tick += 1) await cycle.tick();
  expect(await subscriptionEvents('SubscriptionInvoiced')).toHaveLength(1);

  const invoiced = await tickUntilInvoiced(addMonths(trialEndsOn, 1), 2);
  expect(invoiced[1]!.data).toMatchObject({ period: { start: addMonths(trialEndsOn, 1), end: addMonths(trialEndsOn, 2) } });

  // The tenant sees both, numbered without a gap.
  const listed = await eventually(async () => {
    const response = await call('GET', `/api/v1/billing/invoices?tenantId=${tenantId}`);
    const invoices = response.body.invoices as Array<{ status: string; number: number; totalMinor: number }>;
    return invoices.filter((invoice) => invoice.status === 'issued').length === 2 ? invoices : undefined;
  });
  expect(listed.map((invoice) => invoice.totalMinor)).toEqual([1725, 1725]);
  expect(listed.map((invoice) => invoice.number).sort()).toEqual([1, 2]);

  // Deleted: the subscription ends, and the next period is not invoiced.
  await handleCommand({ type: 'DeleteInstance', metadata: metadata(), data: { instanceId, gracePeriodSeconds: 0, reason: 'closing' } });
  await eventually(async () => ((await subscriptionEvents('SubscriptionCancelled')).length > 0 ? true : undefined));
  clock = new Date(`${addMonths(trialEndsOn, 2)}T06:00:00Z`);
  await eventually(async () => {
    await cycle.tick();
    const rows = await subscriptionsDueForInvoice(db, servingTableNames(subscriptionsProjection, platform.config.READMODEL_SCHEMA), addMonths(trialEndsOn, 2));
    return rows.every((row) => row.instanceId !== instanceId) ? true : undefined;
  });
  expect(await subscriptionEvents('SubscriptionInvoiced')).toHaveLength(2);
});

test('a resize changes the subscription\'s plan: an upgrade is charged the prorated difference, a downgrade credited it', async () => {
  const tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Gweru Growers' })).body.tenantId);
  const instanceId = uuidv7();
  const metadata = () => ({ commandId: uuidv7(), actor: 'system:test', correlationId: uuidv7(), tenantId });
  await handleCommand({ type: 'ProvisionInstance', metadata: metadata(), data: { instanceId, tenantId, name: 'Growers ERP', subdomain: `growers${process.pid}`, plan: 'starter', adminEmail: owner.email } });
  await handleCommand({ type: 'RecordInstanceProvisioned', metadata: metadata(), data: { instanceId, url: 'http://growers.test.localhost', containerName: `odoo-${instanceId}`, databaseName: 'db' } });
  const subscriptionEvents = async (type: string) => (await platform.store.readStream(`subscription-${instanceId}`)).filter((event) => event.type === type);
  const [started] = await eventually(async () => {
    const events = await subscriptionEvents('SubscriptionStarted');
    return events.length > 0 ? events : undefined;
  });
  const trialEndsOn = String((started!.data as { trialEndsOn: string }).trialEndsOn);
  clock = new Date(`${trialEndsOn}T06:00:00Z`);
  await eventually(async () => {
    await cycle.tick();
    return (await subscriptionEvents('SubscriptionActivated')).length > 0 ? true : undefined;
  });

  const resize = async (plan: 'business' | 'starter') => {
    await handleCommand({ type: 'ResizeInstance', metadata: metadata(), data: { instanceId, plan } });
    await handleCommand({ type: 'RecordInstanceOperationCompleted', metadata: metadata(), data: { instanceId, operation: 'resize' } });
  };
  // Before the paid period has begun, the whole difference for the period (business 35.00 − starter 15.00).
  await resize('business');
  const [upgrade] = await eventually(async () => {
    const events = await subscriptionEvents('SubscriptionPlanChanged');
    return events.length > 0 ? events : undefined;
  });
  expect(upgrade!.data).toMatchObject({ plan: 'business', previousPlan: 'starter', proration: { kind: 'charge', amount: { amountMinor: 2000, currency: 'USD' } } });
  const charges = await eventually(async () => {
    const invoiced = (await subscriptionEvents('SubscriptionInvoiced')).filter((event) => (event.data as { period: unknown }).period === null);
    return invoiced.length > 0 ? invoiced : undefined;
  });
  expect(charges[0]!.data).toMatchObject({ total: { amountMinor: 2300, currency: 'USD' } });

  await resize('starter');
  await eventually(async () => ((await subscriptionEvents('SubscriptionPlanChanged')).length === 2 ? true : undefined));
  const creditNote = await eventually(async () => {
    const response = await call('GET', `/api/v1/billing/invoices?tenantId=${tenantId}`);
    return (response.body.invoices as Array<{ kind: string; status: string; totalMinor: number }>).find((invoice) => invoice.kind === 'creditNote' && invoice.status === 'issued');
  });
  expect(creditNote.totalMinor).toBe(2300);
  // A credit note is not owed: the subscription records no invoice for it.
  expect((await subscriptionEvents('SubscriptionInvoiced')).filter((event) => (event.data as { period: unknown }).period === null)).toHaveLength(1);
});
