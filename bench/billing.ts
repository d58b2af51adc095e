// `npm run bench -- billing`: N concurrent payment flows (BENCH_BILLING_FLOWS, default 200) against
// the Paynow simulator with its EcoCash success number, through the whole platform: an invoice
// drafted and issued through the commands, POST /api/v1/billing/invoices/{id}/pay, the simulator's
// callback to the result URL, the payment saga's confirming poll, the invoice paid
// (docs/decisions/051). The raw baseline does the same flows in the same run the plain way: one SQL
// table of invoices, the initiation posted to the simulator by hand, a bare HTTP result URL that
// verifies the hash, polls once and marks the invoice paid with one UPDATE.
// callback_to_paid is from the callback's arrival to the invoice paid (ours: PaymentCallbackReceived
// to InvoicePaid in the event store; raw: the callback's arrival to the UPDATE's commit).
import { createServer as createHttpServer, type Server } from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import { createPostgresCommandLog } from '../src/adapters/commandLog/createPostgresCommandLog';
import { commandHandlers } from '../src/commands/commandHandlers';
import { createCommandPipeline } from '../src/commands/handleCommand';
import { issueInvoice } from '../src/commands/issueInvoice';
import { paymentStream } from '../src/domain/billing/payment/paymentStream';
import { paynowTestPhones, simulatorHash, startPaynowSimulator } from '../tests/support/paynowSimulator';
import { createTestPool, dropSchema, uniqueSchemaName } from '../tests/support/postgres';
import { signUp } from '../tests/support/signUp';
import { startTestPlatform } from '../tests/support/testPlatform';
import { percentile } from './support/percentile';
import { runConcurrently } from './support/runConcurrently';
import { freePort } from '../tests/support/freePort';

const flows = Number(process.env.BENCH_BILLING_FLOWS ?? 200);
const concurrency = Number(process.env.BENCH_BILLING_CONCURRENCY ?? 50);
const integration = { id: '9001', key: 'bench-billing-integration-key' };
const amountMinor = 1500;
const deadlineMs = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run(): Promise<void> {
  const simulator = await startPaynowSimulator({ integrations: [integration], delays: { successMs: 100 } });
  const port = await freePort();
  const sagaSchema = uniqueSchemaName('sg');
  const platform = await startTestPlatform('all', {
    SAGA_SCHEMA: sagaSchema,
    HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', SAGA_POLL_INTERVAL_MS: '50', SAGA_CONCURRENCY: '12',
    DATABASE_POOL_SIZE: '20',
    // Dunning runs on the wall clock; these invoices' due days must not depend on today's date.
    DUNNING_ENABLED: 'false',
    PAYNOW_INTEGRATION_ID: integration.id, PAYNOW_INTEGRATION_KEY: integration.key, PAYNOW_BASE_URL: simulator.baseUrl,
    PAYNOW_RESULT_URL: `http://127.0.0.1:${port}/api/v1/billing/paynow/result`, PAYNOW_RETURN_URL: `http://127.0.0.1:${port}/billing/returned`,
    PAYNOW_AUTH_EMAIL: 'payer@example.com',
  });
  const pool = createTestPool(12);
  const rawSchema = uniqueSchemaName('rawbilling');
  let rawServer: Server | undefined;
  try {
    // ---- ours
    const handleCommand = createCommandPipeline({ store: platform.store, commandLog: createPostgresCommandLog(pool, platform.config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 10 });
    const owner = await signUp(platform.url);
    const tenantId = String(((await (await fetch(`${platform.url}/api/v1/tenants`, {
      method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench Billing' }),
    })).json()) as { tenantId: string }).tenantId);
    const invoices: Array<{ invoiceId: string; reference: string }> = [];
    await runConcurrently(flows, concurrency, async () => {
      const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId });
      const drafted = await handleCommand({ type: 'DraftInvoice', metadata: metadata(), data: {
        tenantId, instanceId: uuidv7(), currency: 'USD', dueOn: '2026-12-14', lines: [{ description: 'Starter plan', quantity: 1, unitAmountMinor: amountMinor }], tax: { name: 'VAT', rateBasisPoints: 0 },
      } });
      const invoiceId = drafted.streamName.slice('invoice-'.length);
      await issueInvoice({ handleCommand, store: platform.store }, { invoiceId, issuedOn: '2026-12-07' }, metadata());
      const response = await fetch(`${platform.url}/api/v1/billing/invoices/${invoiceId}/pay`, {
        method: 'POST', headers: { ...owner.auth, 'content-type': 'application/json' }, body: JSON.stringify({ method: 'ecocash', phone: paynowTestPhones.success }),
      });
      if (response.status !== 202) throw new Error(`pay answered ${response.status}: ${await response.text()}`);
      invoices.push({ invoiceId, reference: String(((await response.json()) as { reference: string }).reference) });
    });
    const ours: number[] = [];
    let doubleCharges = 0;
    let lost = 0;
    const until = Date.now() + deadlineMs;
    for (const { invoiceId, reference } of invoices) {
      let paid = (await platform.store.readStream(`invoice-${invoiceId}`)).filter((event) => event.type === 'InvoicePaid');
      while (paid.length === 0 && Date.now() < until) {
        await sleep(100);
        paid = (await platform.store.readStream(`invoice-${invoiceId}`)).filter((event) => event.type === 'InvoicePaid');
      }
      if (paid.length === 0) {
        lost += 1;
        continue;
      }
      if (paid.length > 1) doubleCharges += paid.length - 1;
      const callback = (await platform.store.readStream(paymentStream(reference)))
        .find((event) => event.type === 'PaymentCallbackReceived' && (event.data as { status: string }).status === 'Paid');
      // Confirmed by a poll before any callback came: no callback latency to count.
      if (callback) ours.push(Math.max(0, paid[0]!.createdAt.getTime() - callback.createdAt.getTime()));
    }
    // Money taken at Paynow per invoice: more than one paid payment for one invoice is a double charge too.
    const paidAtPaynow = new Map<string, number>();
    for (const { invoiceId, reference } of invoices) if (simulator.payment(reference)?.status === 'Paid') paidAtPaynow.set(invoiceId, (paidAtPaynow.get(invoiceId) ?? 0) + 1);
    doubleCharges += [...paidAtPaynow.values()].filter((count) => count > 1).length;

    // ---- raw baseline: plain SQL and raw HTTP, the same flows
    await pool.query(`CREATE SCHEMA ${rawSchema}`);
    await pool.query(`CREATE TABLE ${rawSchema}.invoices (id uuid PRIMARY KEY, total_minor int NOT NULL, status text NOT NULL, payment_reference text)`);
    const rawPort = await freePort();
    const raw: number[] = [];
    const rawPaid = new Map<string, () => void>();
    rawServer = createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const arrived = performance.now();
        void (async () => {
          const fields = [...new URLSearchParams(Buffer.concat(chunks).toString())];
          const hash = fields.find(([name]) => name === 'hash')?.[1];
          if (hash !== simulatorHash(fields.filter(([name]) => name !== 'hash').map(([, value]) => value), integration.key)) {
            response.writeHead(401).end();
            return;
          }
          const field = (name: string) => fields.find(([key]) => key === name)?.[1] ?? '';
          response.writeHead(200).end();
          if (field('status') !== 'Paid') return;
          const polled = new URLSearchParams(await (await fetch(field('pollurl'), { method: 'POST' })).text());
          if (polled.get('status') !== 'Paid') return;
          const updated = await pool.query(`UPDATE ${rawSchema}.invoices SET status = 'paid', payment_reference = $2 WHERE id = $1 AND status = 'issued'`,
            [field('reference'), polled.get('paynowreference')]);
          if (updated.rowCount === 1) {
            raw.push(performance.now() - arrived);
            rawPaid.get(field('reference'))?.();
          }
        })().catch(() => response.headersSent || response.writeHead(500).end());
      });
    });
    await new Promise<void>((resolve) => rawServer!.listen(rawPort, '127.0.0.1', resolve));
    const rawDone: Array<Promise<void>> = [];
    await runConcurrently(flows, concurrency, async () => {
      const invoiceId = uuidv7();
      await pool.query(`INSERT INTO ${rawSchema}.invoices (id, total_minor, status) VALUES ($1, $2, 'issued')`, [invoiceId, amountMinor]);
      rawDone.push(new Promise<void>((resolve) => rawPaid.set(invoiceId, resolve)));
      const fields: Array<[string, string]> = [
        ['id', integration.id], ['reference', invoiceId], ['amount', (amountMinor / 100).toFixed(2)], ['additionalinfo', ''],
        ['returnurl', `http://127.0.0.1:${rawPort}/returned`], ['resulturl', `http://127.0.0.1:${rawPort}/result`], ['authemail', 'payer@example.com'],
        ['phone', paynowTestPhones.success], ['method', 'ecocash'], ['status', 'Message'],
      ];
      const body = new URLSearchParams([...fields, ['hash', simulatorHash(fields.map(([, value]) => value), integration.key)]]).toString();
      const reply = new URLSearchParams(await (await fetch(`${simulator.baseUrl}/interface/remotetransaction`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
      })).text());
      if (reply.get('status') !== 'Ok') throw new Error(`raw initiation refused: ${reply.get('error')}`);
    });
    await Promise.race([Promise.all(rawDone), sleep(deadlineMs)]);

    const p50 = percentile(ours, 50);
    const rawP50 = percentile(raw, 50);
    console.log(`ours: ${ours.length} callbacks timed of ${flows} flows; raw: ${raw.length} of ${flows}`);
    console.log(`RESULT billing flows=${flows} double_charges=${doubleCharges} lost=${lost} callback_to_paid_p50_ms=${p50.toFixed(0)} p99_ms=${percentile(ours, 99).toFixed(0)} raw_p50_ms=${rawP50.toFixed(0)} raw_p99_ms=${percentile(raw, 99).toFixed(0)} overhead_ratio=${(p50 / rawP50).toFixed(2)}`);
  } finally {
    await new Promise<void>((resolve) => (rawServer ? rawServer.close(() => resolve()) : resolve()));
    await platform.stop();
    await dropSchema(pool, rawSchema).catch(() => undefined);
    await dropSchema(pool, sagaSchema).catch(() => undefined);
    await pool.end();
    await simulator.close();
  }
}
