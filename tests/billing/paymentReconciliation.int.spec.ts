import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { createPostgresCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import { createKysely } from '../../src/adapters/postgres/createKysely';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../src/commands/handleCommand';
import { issueInvoice } from '../../src/commands/issueInvoice';
import { paymentStream } from '../../src/domain/billing/payment/paymentStream';
import { startPaymentReconciliation } from '../../src/processes/startPaymentReconciliation';
import { paymentsProjection } from '../../src/projections/billing/paymentsProjection';
import { unsettledPayments } from '../../src/projections/billing/queryPayments';
import { servingTableNames } from '../../src/projections/runtime/servingTableNames';
import { paymentGatewayFromConfig } from '../../src/wiring/paymentGatewayFromConfig';
import { freePort } from '../support/freePort';
import { paynowTestPhones, startPaynowSimulator, type PaynowSimulator } from '../support/paynowSimulator';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';
import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { probeUntil as eventually } from '../support/probeUntil';

// The reconciliation job (issue 15 item 8) on a whole platform against the simulator: a payment that
// timed out with us while Paynow went on to Paid (its callback lost) is reported, a pending one is
// not; the metrics show payments by status, callback hash failures and the disagreement.
jest.setTimeout(120_000);

const integration = { id: '7177', key: 'd4e5f6a7-paynow-reconcile-test-key' };
let simulator: PaynowSimulator;
let platform: TestPlatform;
let pool: pg.Pool;
const sagaSchema = uniqueSchemaName('sg');

beforeAll(async () => {
  simulator = await startPaynowSimulator({ integrations: [integration], delays: { successMs: 200, delayedSuccessMs: 2_500, userCancelledMs: 200 } });
  const port = await freePort();
  platform = await startTestPlatform('all', {
    SAGA_SCHEMA: sagaSchema, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', SAGA_POLL_INTERVAL_MS: '100',
    PAYMENT_POLL_FIRST_MS: '200', PAYMENT_POLL_MAX_MS: '400', PAYMENT_TIMEOUT_MS: '1000', DUNNING_ENABLED: 'false',
    PAYNOW_INTEGRATION_ID: integration.id, PAYNOW_INTEGRATION_KEY: integration.key, PAYNOW_BASE_URL: simulator.baseUrl,
    PAYNOW_RESULT_URL: `http://127.0.0.1:${port}/api/v1/billing/paynow/result`, PAYNOW_RETURN_URL: `http://127.0.0.1:${port}/billing/returned`,
    PAYNOW_AUTH_EMAIL: 'payer@example.com',
  });
  pool = createTestPool(3);
});

afterAll(async () => {
  await platform?.stop();
  await dropSchema(pool, sagaSchema);
  await pool?.end();
  await simulator?.close();
});

test('a payment Paynow settled after we gave up on it is reported, once per run; the metrics show it', async () => {
  const pipeline = createCommandPipeline({ store: platform.store, commandLog: createPostgresCommandLog(pool, platform.config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5 });
  const payer = await signUp(platform.url);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.url}${path}`, { method, headers: { ...payer.auth, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Late Payer Ltd' })).body.tenantId);
  const invoice = async () => {
    const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId });
    const drafted = await pipeline({ type: 'DraftInvoice', metadata: metadata(), data: {
      tenantId, instanceId: uuidv7(), currency: 'USD', dueOn: '2031-01-14', lines: [{ description: 'Starter plan', quantity: 1, unitAmountMinor: 1500 }], tax: { name: 'VAT', rateBasisPoints: 0 },
    } });
    const invoiceId = drafted.streamName.slice('invoice-'.length);
    await issueInvoice({ handleCommand: pipeline, store: platform.store }, { invoiceId, issuedOn: '2031-01-07' }, metadata());
    return invoiceId;
  };

  // Paynow's Paid comes 2.5 s in, after our 1 s timeout, and its callback is lost.
  simulator.setFaults({ callback: { kind: 'lost' } });
  const lateInvoice = await invoice();
  const late = String((await call('POST', `/api/v1/billing/invoices/${lateInvoice}/pay`, { method: 'ecocash', phone: paynowTestPhones.delayedSuccess })).body.reference);
  await eventually(async () => (await platform.store.readStream(paymentStream(late))).find((event) => event.type === 'PaymentTimedOut'));
  await eventually(async () => (simulator.payment(late)!.status === 'Paid' ? true : undefined));
  simulator.clearFaults();

  const tables = servingTableNames(paymentsProjection, platform.config.READMODEL_SCHEMA);
  const db = createKysely(createTestPool(2));
  try {
    const unsettled = await eventually(async () => {
      const rows = await unsettledPayments(db, tables);
      return rows.some((row) => row.reference === late && row.status === 'timedOut') ? rows : undefined;
    });
    expect(unsettled.find((row) => row.reference === late)).toMatchObject({ invoiceId: lateInvoice, tenantId, status: 'timedOut', pollUrl: simulator.payment(late)!.pollUrl });

    const warnings: object[] = [];
    const reconciliation = startPaymentReconciliation({
      autoStart: false, intervalMs: 86_400_000, gateway: paymentGatewayFromConfig(platform.config)!, unsettled: () => unsettledPayments(db, tables),
      logger: { info: () => undefined, error: () => undefined, warn: (details) => warnings.push(details) },
    });
    const outcome = await reconciliation.run();
    await reconciliation.stop();
    expect(outcome.disagreements).toEqual([{ reference: late, invoiceId: lateInvoice, tenantId, ours: 'timedOut', paynowStatus: 'Paid' }]);
    expect(warnings).toEqual([expect.objectContaining({ reference: late, ours: 'timedOut', paynowStatus: 'Paid' })]);
  } finally {
    await db.destroy();
  }

  // A forged callback counts as a hash failure; the scrape shows payments by status and the disagreement.
  await fetch(`${platform.url}/api/v1/billing/paynow/result`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `reference=${late}&status=Paid&hash=00` });
  const metrics = await (await fetch(`${platform.metricsUrl}/metrics`)).text();
  expect(metrics).toMatch(/platform_payments\{status="timedOut"\} [1-9]/);
  expect(metrics).toMatch(/platform_paynow_callback_hash_failures_total [1-9]/);
  expect(metrics).toMatch(/platform_payment_disagreements_total\{ours="timedOut",paynow="paid"\} [1-9]/);
  expect(metrics).toContain('platform_payment_callback_to_paid_seconds_bucket');
});
