import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { createPostgresCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import { loadInvoice } from '../../src/commands/billingCommandHandlers';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../src/commands/handleCommand';
import { issueInvoice } from '../../src/commands/issueInvoice';
import { loadPayment } from '../../src/commands/paymentCommandHandlers';
import { paymentStream } from '../../src/domain/billing/payment/paymentStream';
import { paynowTestPhones, simulatorHash, startPaynowSimulator, type PaynowSimulator } from '../support/paynowSimulator';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';
import { signUp, type SignedUpUser } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { freePort } from '../support/freePort';
import { probeUntil as eventually } from '../support/probeUntil';

// The payment flow on a whole platform (api + worker, its own schemas) against the Paynow simulator
// over real HTTP: pay route → payment saga → simulator → result URL → poll → invoice paid once
// (docs/decisions/051).
jest.setTimeout(120_000);

const integration = { id: '7175', key: 'b0c1e9d2-paynow-flow-test-key' };
let simulator: PaynowSimulator;
let platform: TestPlatform;
let pool: pg.Pool;
let handleCommand: HandleCommand;
let owner: SignedUpUser;
let tenantId: string;
const sagaSchemas = [uniqueSchemaName('sg'), uniqueSchemaName('sg')];

beforeAll(async () => {
  // A test number's status update comes at once; the delayed one after 3 s.
  simulator = await startPaynowSimulator({ integrations: [integration], delays: { successMs: 200, delayedSuccessMs: 3_000, userCancelledMs: 200 } });
  const port = await freePort();
  platform = await startTestPlatform('all', {
    // A saga schedule of its own: another platform's processor would take these sagas to its own store.
    SAGA_SCHEMA: sagaSchemas[0]!,
    HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', SAGA_POLL_INTERVAL_MS: '100',
    // Dunning runs on the wall clock; these invoices' due days must not depend on today's date.
    DUNNING_ENABLED: 'false',
    PAYNOW_INTEGRATION_ID: integration.id, PAYNOW_INTEGRATION_KEY: integration.key, PAYNOW_BASE_URL: simulator.baseUrl,
    PAYNOW_RESULT_URL: `http://127.0.0.1:${port}/api/v1/billing/paynow/result`, PAYNOW_RETURN_URL: `http://127.0.0.1:${port}/billing/returned`,
    PAYNOW_AUTH_EMAIL: 'payer@example.com',
  });
  pool = createTestPool(4);
  handleCommand = createCommandPipeline({ store: platform.store, commandLog: createPostgresCommandLog(pool, platform.config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5 });
  owner = await signUp(platform.url);
  tenantId = String((await call('POST', '/api/v1/tenants', { name: 'Harare Hardware' }, owner.auth)).body.tenantId);
});

afterAll(async () => {
  await platform?.stop();
  for (const schema of sagaSchemas) await dropSchema(pool, schema);
  await pool?.end();
  await simulator?.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${platform.url}${path}`, {
    method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** An issued invoice of the owner's tenant, through the billing commands (drafted, then numbered). */
async function issuedInvoice(amountMinor = 3500): Promise<string> {
  const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId });
  const drafted = await handleCommand({
    type: 'DraftInvoice',
    data: {
      tenantId, instanceId: uuidv7(), currency: 'USD', dueOn: '2026-12-14',
      lines: [{ description: 'Starter plan, December 2026', quantity: 1, unitAmountMinor: amountMinor }], tax: { name: 'VAT', rateBasisPoints: 0 },
    },
    metadata: metadata(),
  });
  const invoiceId = drafted.streamName.slice('invoice-'.length);
  await issueInvoice({ handleCommand, store: platform.store }, { invoiceId, issuedOn: '2026-12-07' }, metadata());
  return invoiceId;
}

async function pay(invoiceId: string, phone: string): Promise<string> {
  const started = await call('POST', `/api/v1/billing/invoices/${invoiceId}/pay`, { method: 'ecocash', phone }, owner.auth);
  expect(started.status).toBe(202);
  return String(started.body.reference);
}

const finalPayment = (reference: string) => eventually(async () => {
  const payment = await loadPayment(platform.store, reference);
  return ['confirmed', 'failed', 'timedOut'].includes(payment.status) ? payment : undefined;
});
const invoicePaidEvents = async (invoiceId: string) =>
  (await platform.store.readStream(`invoice-${invoiceId}`)).filter((event) => event.type === 'InvoicePaid');

test('the EcoCash success number pays the invoice: callback, then a confirming poll, then paid once', async () => {
  const invoiceId = await issuedInvoice();
  const reference = await pay(invoiceId, paynowTestPhones.success);
  const payment = await finalPayment(reference);
  expect(payment.status).toBe('confirmed');
  const invoice = await eventually(async () => {
    const state = await loadInvoice(platform.store, invoiceId);
    return state.status === 'paid' ? state : undefined;
  });
  expect(invoice.status).toBe('paid');
  expect(await invoicePaidEvents(invoiceId)).toHaveLength(1);
  const [paid] = await invoicePaidEvents(invoiceId);
  expect(paid!.data).toMatchObject({ amount: { amountMinor: 3500, currency: 'USD' }, reference: simulator.payment(reference)!.paynowReference });
  // The callback was answered and a poll confirmed it; the phone never reached an event.
  expect(simulator.received.callbacks.some((callback) => callback.reference === reference && callback.httpStatus === 200)).toBe(true);
  const events = await platform.store.readStream(paymentStream(reference));
  expect(JSON.stringify(events)).not.toContain(paynowTestPhones.success);

  // The tenant sees it paid: the invoices read model, and the rendered document.
  const shown = await eventually(async () => {
    const response = await call('GET', `/api/v1/billing/invoices/${invoiceId}`, undefined, owner.auth);
    return response.body.status === 'paid' ? response : undefined;
  });
  expect(shown.body).toMatchObject({ totalMinor: 3500, currency: 'USD', paymentReference: simulator.payment(reference)!.paynowReference });
  const listed = await call('GET', `/api/v1/billing/invoices?tenantId=${tenantId}`, undefined, owner.auth);
  expect((listed.body.invoices as Array<{ invoiceId: string }>).map((invoice) => invoice.invoiceId)).toContain(invoiceId);
  const html = await fetch(`${platform.url}/api/v1/billing/invoices/${invoiceId}/html`, { headers: owner.auth });
  expect(html.headers.get('content-type')).toContain('text/html');
  expect(await html.text()).toContain('USD 35.00');
  // …and as a PDF: a well-formed file whose cross-reference table is where the trailer says.
  const pdfResponse = await fetch(`${platform.url}/api/v1/billing/invoices/${invoiceId}/pdf`, { headers: owner.auth });
  expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await pdfResponse.arrayBuffer()).toString('latin1');
  expect(pdf.startsWith('%PDF-1.4')).toBe(true);
  expect(pdf).toContain('(Total USD 35.00) Tj');
  expect(pdf).toContain('paid on');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
  expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
  // Someone outside the tenant reads nothing of it, not even that it exists (the authorizer's 404).
  const stranger = await signUp(platform.url);
  expect((await call('GET', `/api/v1/billing/invoices/${invoiceId}`, undefined, stranger.auth)).status).toBe(404);

  // The pay request's Location: the attempt, confirmed, without Paynow's poll URL; not a stranger's.
  const shownPayment = await call('GET', `/api/v1/billing/payments/${reference}`, undefined, owner.auth);
  expect(shownPayment.status).toBe(200);
  expect(shownPayment.body).toEqual({
    reference, invoiceId, status: 'confirmed', method: 'ecocash', amountMinor: 3500, currency: 'USD',
    requestedAt: expect.any(String), paynowReference: simulator.payment(reference)!.paynowReference,
  });
  expect((await call('GET', `/api/v1/billing/payments/${reference}`, undefined, stranger.auth)).status).toBe(404);
  expect((await call('GET', `/api/v1/billing/payments/${uuidv7()}`, undefined, owner.auth)).status).toBe(404);
});

test('the pay request answers 202 with the payment\'s Location, which follows it', async () => {
  const invoiceId = await issuedInvoice();
  const started = await call('POST', `/api/v1/billing/invoices/${invoiceId}/pay`, { method: 'onemoney', phone: paynowTestPhones.userCancelled }, owner.auth);
  expect(started.status).toBe(202);
  const location = started.headers.get('location')!;
  expect(location).toBe(`/api/v1/billing/payments/${String(started.body.reference)}`);
  const failed = await eventually(async () => {
    const shown = await call('GET', location, undefined, owner.auth);
    return shown.body.status === 'failed' ? shown : undefined;
  });
  expect(failed.body).toMatchObject({ invoiceId, method: 'onemoney', reason: expect.stringContaining('cancelled') });
});

test('a payment of another amount than the invoice\'s is held for review: the invoice stays unpaid', async () => {
  const invoiceId = await issuedInvoice(3500);
  simulator.setFaults({ reportedAmount: '30.00' });
  try {
    const reference = await pay(invoiceId, paynowTestPhones.success);
    // Paynow says paid (the money was taken): the payment is confirmed with what was paid…
    const payment = await finalPayment(reference);
    expect(payment).toMatchObject({ status: 'confirmed', paidAmount: { amountMinor: 3000, currency: 'USD' } });
    // …and the invoice holds it for review instead of counting it paid.
    const held = await eventually(async () => (await platform.store.readStream(`invoice-${invoiceId}`)).find((event) => event.type === 'PaymentAmountMismatch'));
    expect(held.data).toMatchObject({ expected: { amountMinor: 3500, currency: 'USD' }, received: { amountMinor: 3000, currency: 'USD' } });
    expect((await loadInvoice(platform.store, invoiceId)).status).toBe('issued');
    expect(await invoicePaidEvents(invoiceId)).toHaveLength(0);
  } finally {
    simulator.clearFaults();
  }
});

test('the price catalogue is served', async () => {
  const plans = await call('GET', '/api/v1/billing/plans', undefined, owner.auth);
  expect(plans.status).toBe(200);
  expect(plans.body).toMatchObject({ plans: { starter: { USD: { monthly: expect.any(Number) as unknown } } } });
});

test('without a Paynow integration every billing route answers 503 billing-disabled', async () => {
  const off = await startTestPlatform('api');
  try {
    const user = await signUp(off.url);
    const ownTenant = String(((await (await fetch(`${off.url}/api/v1/tenants`, {
      method: 'POST', headers: { ...user.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Unbilled Ltd' }),
    })).json()) as { tenantId: string }).tenantId);
    for (const [method, path, form] of [
      ['GET', '/api/v1/billing/plans', null], ['GET', `/api/v1/billing/invoices?tenantId=${ownTenant}`, null],
      ['POST', '/api/v1/billing/paynow/result', 'reference=x&status=Paid&hash=00'],
    ] as const) {
      const response = await fetch(`${off.url}${path}`, { method, headers: { ...user.auth, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(form ? { body: form } : {}) });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { type: string }).type).toContain('billing-disabled');
    }
  } finally {
    await off.stop();
  }
});

test.each([
  ['user cancelled', paynowTestPhones.userCancelled, /cancelled|failed/],
  ['insufficient balance', paynowTestPhones.insufficientBalance, /Insufficient balance/],
])('the %s number ends the payment as failed with a reason, the invoice unpaid', async (_name, phone, reason) => {
  const invoiceId = await issuedInvoice();
  const reference = await pay(invoiceId, phone);
  const payment = await finalPayment(reference);
  expect(payment).toMatchObject({ status: 'failed', reason: expect.stringMatching(reason) as unknown });
  expect((await loadInvoice(platform.store, invoiceId)).status).toBe('issued');
});

test('a forged callback is refused with 401 and an audit event, and changes nothing', async () => {
  const invoiceId = await issuedInvoice();
  const reference = await pay(invoiceId, paynowTestPhones.delayedSuccess);
  await eventually(async () => ((await loadPayment(platform.store, reference)).status === 'initiated' ? true : undefined));
  const before = await platform.store.readStream(paymentStream(reference));
  const fields: Array<[string, string]> = [['reference', reference], ['paynowreference', '999999'], ['amount', '35.00'], ['status', 'Paid'], ['pollurl', `${simulator.baseUrl}/x`]];
  const forged = new URLSearchParams([...fields, ['hash', simulatorHash(fields.map(([, value]) => value), 'not-the-key')]]).toString();
  const response = await fetch(`${platform.url}/api/v1/billing/paynow/result`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: forged });
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await platform.store.readStream(paymentStream(reference))).toEqual(before);
  const day = new Date().toISOString().slice(0, 10);
  expect((await platform.store.readStream(`paymentaudit-${day}`)).map((event) => event.type)).toContain('PaymentCallbackRejected');
  // The real outcome still arrives and pays under Paynow's own reference, not the forged one.
  expect((await finalPayment(reference)).status).toBe('confirmed');
  const paid = await eventually(async () => ((await invoicePaidEvents(invoiceId)).length > 0 ? invoicePaidEvents(invoiceId) : undefined));
  expect(paid.map((event) => (event.data as { reference: string }).reference)).not.toContain('999999');
});

test('a callback for a reference never requested is 404', async () => {
  const fields: Array<[string, string]> = [['reference', uuidv7()], ['paynowreference', '1'], ['amount', '1.00'], ['status', 'Paid'], ['pollurl', `${simulator.baseUrl}/x`]];
  const body = new URLSearchParams([...fields, ['hash', simulatorHash(fields.map(([, value]) => value), integration.key)]]).toString();
  const response = await fetch(`${platform.url}/api/v1/billing/paynow/result`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  expect(response.status).toBe(404);
});

test('1,000 duplicate and out-of-order callbacks record one payment', async () => {
  const invoiceId = await issuedInvoice();
  const reference = await pay(invoiceId, paynowTestPhones.success);
  await simulator.waitForCallbacks(reference, 1, 20_000);
  const delivered = simulator.received.callbacks.find((callback) => callback.reference === reference && callback.hashValid)!;
  const payment = simulator.payment(reference)!;
  // Older statuses, signed by the simulator's own hashing, mixed into the storm.
  const stale = (['Created', 'Sent'] as const).map((status) => {
    const fields: Array<[string, string]> = [['reference', reference], ['paynowreference', payment.paynowReference], ['amount', payment.amount], ['status', status], ['pollurl', payment.pollUrl]];
    return new URLSearchParams([...fields, ['hash', simulatorHash(fields.map(([, value]) => value), integration.key)]]).toString();
  });
  const storm = Array.from({ length: 1_000 }, (_, index) => (index % 10 === 3 ? stale[index % 2]! : delivered.body));
  // A hundred at a time: all at once, two cores spend the test's time on sockets, not on the route.
  const statuses: number[] = [];
  for (let start = 0; start < storm.length; start += 100) {
    statuses.push(...await Promise.all(storm.slice(start, start + 100).map(async (body) =>
      (await fetch(`${platform.url}/api/v1/billing/paynow/result`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).status)));
  }
  expect(statuses).toHaveLength(1_000);
  expect([...new Set(statuses)]).toEqual([200]);
  expect((await finalPayment(reference)).status).toBe('confirmed');
  await eventually(async () => ((await invoicePaidEvents(invoiceId)).length > 0 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await invoicePaidEvents(invoiceId)).toHaveLength(1);
  const confirmations = (await platform.store.readStream(paymentStream(reference))).filter((event) => event.type === 'PaymentConfirmed');
  expect(confirmations).toHaveLength(1);
});

test('a lost callback is recovered by polling', async () => {
  const invoiceId = await issuedInvoice();
  simulator.setFaults({ callback: { kind: 'lost' } });
  try {
    const reference = await pay(invoiceId, paynowTestPhones.success);
    expect((await finalPayment(reference)).status).toBe('confirmed');
    expect(simulator.received.callbacks.filter((callback) => callback.reference === reference).every((callback) => callback.lost)).toBe(true);
    await eventually(async () => ((await loadInvoice(platform.store, invoiceId)).status === 'paid' ? true : undefined));
  } finally {
    simulator.clearFaults();
  }
});

test('a retried pay request with the same Idempotency-Key starts one payment', async () => {
  const invoiceId = await issuedInvoice();
  const headers = { ...owner.auth, 'idempotency-key': `pay-${uuidv7()}` };
  const first = await call('POST', `/api/v1/billing/invoices/${invoiceId}/pay`, { method: 'ecocash', phone: paynowTestPhones.success }, headers);
  const again = await call('POST', `/api/v1/billing/invoices/${invoiceId}/pay`, { method: 'ecocash', phone: paynowTestPhones.success }, headers);
  expect([first.status, again.status]).toEqual([202, 202]);
  expect(again.body.reference).toBe(first.body.reference);
  const reference = String(first.body.reference);
  expect((await finalPayment(reference)).status).toBe('confirmed');
  expect(simulator.received.initiations.filter((initiation) => initiation.fields.some(([name, value]) => name === 'reference' && value === reference))).toHaveLength(1);
  // The saga records the payment on the invoice right after confirming it: wait for that, then count.
  await eventually(async () => ((await loadInvoice(platform.store, invoiceId)).status === 'paid' ? true : undefined));
  expect(await invoicePaidEvents(invoiceId)).toHaveLength(1);
});

test('bad input is a problem and writes nothing', async () => {
  const invoiceId = await issuedInvoice();
  // Not counting sagas' own progress: earlier tests' sagas (an invoice paid tells its subscription)
  // may still be finishing.
  const domainEvents = async () => (await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM "${platform.config.EVENTSTORE_SCHEMA}".events WHERE stream_name NOT LIKE 'saga-%'`)).rows[0]!.count;
  const before = await domainEvents();
  const response = await call('POST', `/api/v1/billing/invoices/${invoiceId}/pay`, { method: 'bitcoin', phone: '12' }, owner.auth);
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(await domainEvents()).toBe(before);
});

test('an instance\'s subscription is readable: trialing, then active with its current period once invoiced', async () => {
  const instanceId = uuidv7();
  const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId });
  await handleCommand({ type: 'StartSubscription', metadata: metadata(), data: { instanceId, tenantId, plan: 'starter', currency: 'USD', interval: 'monthly', startedOn: '2026-12-01', trialDays: 14 } });
  const path = `/api/v1/billing/instances/${instanceId}/subscription`;
  const trialing = await eventually(async () => {
    const response = await call('GET', path, undefined, owner.auth);
    return response.status === 200 ? response.body : undefined;
  });
  expect(trialing).toMatchObject({ state: 'trialing', plan: 'starter', currency: 'USD', interval: 'monthly', trialEndsOn: '2026-12-15', nextInvoiceOn: '2026-12-15', currentPeriod: null });
  await handleCommand({ type: 'RecordInvoiceIssued', metadata: metadata(), data: {
    instanceId, invoiceId: uuidv7(), total: { amountMinor: 1500, currency: 'USD' }, dueOn: '2026-12-22',
    period: { start: '2026-12-15', end: '2027-01-15', price: { amountMinor: 1500, currency: 'USD' } },
  } });
  const active = await eventually(async () => {
    const response = await call('GET', path, undefined, owner.auth);
    return response.body.state === 'active' ? response.body : undefined;
  });
  expect(active).toMatchObject({ currentPeriod: { start: '2026-12-15', end: '2027-01-15' }, nextInvoiceOn: '2027-01-15' });
});

test('no final status in time ends in PaymentTimedOut with the poll URL kept; the late Paid still pays the invoice once', async () => {
  // A platform of its own whose payments time out after 1 s; the delayed-success number pays after 3 s.
  const port = await freePort();
  const hasty = await startTestPlatform('all', {
    SAGA_SCHEMA: sagaSchemas[1]!,
    HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', SAGA_POLL_INTERVAL_MS: '100',
    PAYMENT_POLL_FIRST_MS: '200', PAYMENT_POLL_MAX_MS: '400', PAYMENT_TIMEOUT_MS: '1000',
    // Dunning runs on the wall clock; these invoices' due days must not depend on today's date.
    DUNNING_ENABLED: 'false',
    PAYNOW_INTEGRATION_ID: integration.id, PAYNOW_INTEGRATION_KEY: integration.key, PAYNOW_BASE_URL: simulator.baseUrl,
    PAYNOW_RESULT_URL: `http://127.0.0.1:${port}/api/v1/billing/paynow/result`, PAYNOW_RETURN_URL: `http://127.0.0.1:${port}/billing/returned`,
    PAYNOW_AUTH_EMAIL: 'payer@example.com',
  });
  const hastyPool = createTestPool(2);
  try {
    const pipeline = createCommandPipeline({ store: hasty.store, commandLog: createPostgresCommandLog(hastyPool, hasty.config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 5 });
    const payer = await signUp(hasty.url);
    const ownTenant = String(((await (await fetch(`${hasty.url}/api/v1/tenants`, {
      method: 'POST', headers: { ...payer.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Slow Payer Ltd' }),
    })).json()) as { tenantId: string }).tenantId);
    const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId: ownTenant });
    const drafted = await pipeline({ type: 'DraftInvoice', metadata: metadata(), data: {
      tenantId: ownTenant, instanceId: uuidv7(), currency: 'USD', dueOn: '2026-12-14', lines: [{ description: 'Starter plan', quantity: 1, unitAmountMinor: 1500 }], tax: { name: 'VAT', rateBasisPoints: 0 },
    } });
    const invoiceId = drafted.streamName.slice('invoice-'.length);
    await issueInvoice({ handleCommand: pipeline, store: hasty.store }, { invoiceId, issuedOn: '2026-12-07' }, metadata());
    const started = await fetch(`${hasty.url}/api/v1/billing/invoices/${invoiceId}/pay`, {
      method: 'POST', headers: { ...payer.auth, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'onemoney', phone: paynowTestPhones.delayedSuccess }),
    });
    expect(started.status).toBe(202);
    const reference = ((await started.json()) as { reference: string }).reference;
    const timedOut = await eventually(async () => (await hasty.store.readStream(paymentStream(reference))).find((event) => event.type === 'PaymentTimedOut'));
    expect(timedOut.data).toMatchObject({ pollUrl: simulator.payment(reference)!.pollUrl, lastStatus: expect.any(String) as unknown });
    expect((await loadInvoice(hasty.store, invoiceId)).status).toBe('issued');
    // Paynow's Paid arrives after the timeout: the money is recorded, once.
    await eventually(async () => ((await loadInvoice(hasty.store, invoiceId)).status === 'paid' ? true : undefined));
    expect((await hasty.store.readStream(`invoice-${invoiceId}`)).filter((event) => event.type === 'InvoicePaid')).toHaveLength(1);
  } finally {
    await hasty.stop();
    await hastyPool.end();
  }
});
