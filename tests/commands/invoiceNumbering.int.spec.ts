import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { createPostgresCommandLog, migrateCommandLog } from '../../src/adapters/commandLog/createPostgresCommandLog';
import type { EventStore } from '../../src/ports/eventStore';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../../src/adapters/eventstore/postgres/migrateEventStore';
import { ConcurrencyConflictError } from '../../src/commands/commandErrors';
import { commandHandlers } from '../../src/commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../../src/commands/handleCommand';
import { issueInvoice } from '../../src/commands/issueInvoice';
import { invoiceNumberStream, invoiceStream } from '../../src/domain/billing/invoice/invoiceStream';
import type { Currency } from '../../src/domain/billing/money';
import { createTestPool, dropSchema, uniqueSchemaName } from '../support/postgres';

// Invoice numbers are decided by appending to the currency's sequence stream with the version read
// (docs/decisions/048): issuers racing on the real event store get 1..n, no gap, no duplicate.
let pool: pg.Pool;
let schema: string;
let store: EventStore;
let pipelines: HandleCommand[];
let conflicts = 0;
const tenantId = '01900000-0000-7000-8000-0000000000b2';
const instanceId = '01900000-0000-7000-8000-0000000000a1';
const metadata = () => ({ commandId: uuidv7(), actor: 'system:billing', correlationId: uuidv7(), tenantId });

beforeAll(async () => {
  pool = createTestPool(20);
  schema = uniqueSchemaName('invoicenumbers');
  await migrateEventStore(pool, schema);
  await migrateCommandLog(pool, schema);
  store = createPostgresEventStore({ pool, schema });
  // Several pipelines, as several API and worker processes would have; few retries each, so the
  // racing is really resolved by issueInvoice retrying the assignment.
  pipelines = Array.from({ length: 4 }, () => {
    const pipeline = createCommandPipeline({ store, commandLog: createPostgresCommandLog(pool, schema), handlers: commandHandlers, conflictRetries: 2 });
    return async (envelope) => pipeline(envelope).catch((error: unknown) => {
      if (error instanceof ConcurrencyConflictError) conflicts += 1;
      throw error;
    });
  });
});

afterAll(async () => {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
});

async function draft(currency: Currency, kind: 'invoice' | 'creditNote' = 'invoice'): Promise<string> {
  const result = await pipelines[0]!({
    type: 'DraftInvoice',
    data: {
      tenantId, instanceId, kind, currency, dueOn: '2025-05-08',
      lines: [{ description: 'Business plan, May 2025', quantity: 1, unitAmountMinor: 3500 }], tax: { name: 'VAT', rateBasisPoints: 1500 },
    },
    metadata: metadata(),
  });
  return result.streamName.slice('invoice-'.length);
}

async function issuedNumber(invoiceId: string): Promise<number> {
  const events = await store.readStream(invoiceStream(invoiceId));
  const issued = events.filter((event) => event.type === 'InvoiceIssued');
  expect(issued).toHaveLength(1);
  return (issued[0]!.data as { number: number }).number;
}

test('50 invoices issued concurrently get the numbers 1..50 of their currency, no gap and no duplicate', async () => {
  const usd = await Promise.all(Array.from({ length: 50 }, () => draft('USD')));
  const zwg = await Promise.all(Array.from({ length: 5 }, () => draft('ZWG')));
  const creditNotes = await Promise.all(Array.from({ length: 3 }, () => draft('USD', 'creditNote')));

  const all = [...usd, ...zwg, ...creditNotes];
  const outcomes = await Promise.all(all.map((invoiceId, i) =>
    issueInvoice({ handleCommand: pipelines[i % pipelines.length]!, store }, { invoiceId, issuedOn: '2025-05-01' }, metadata())));

  expect(conflicts).toBeGreaterThan(0); // the issuers really raced

  const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  expect(sorted(outcomes.slice(0, 50).map((o) => o.number))).toEqual(oneTo(50));
  expect(sorted(await Promise.all(usd.map(issuedNumber)))).toEqual(oneTo(50));
  expect(sorted(await Promise.all(zwg.map(issuedNumber)))).toEqual(oneTo(5));
  expect(sorted(await Promise.all(creditNotes.map(issuedNumber)))).toEqual(oneTo(3));

  // The sequence stream holds exactly one assignment per number, in order: its n-th event is n.
  const sequence = await store.readStream(invoiceNumberStream('invoice', 'USD'));
  expect(sequence.map((event) => (event.data as { number: number }).number)).toEqual(oneTo(50));
  expect(sequence.map((event) => event.streamPosition + 1)).toEqual(oneTo(50));
  expect(new Set(sequence.map((event) => (event.data as { invoiceId: string }).invoiceId))).toEqual(new Set(usd));
}, 120_000);

test('issuing again (a caller resumed after a crash) keeps the number and appends nothing', async () => {
  const invoiceId = await draft('ZWG');
  const sent = metadata();
  const first = await issueInvoice({ handleCommand: pipelines[0]!, store }, { invoiceId, issuedOn: '2025-05-01' }, sent);
  // The same request again, and a new request for the same invoice from another process.
  const again = await issueInvoice({ handleCommand: pipelines[1]!, store }, { invoiceId, issuedOn: '2025-05-01' }, sent);
  const other = await issueInvoice({ handleCommand: pipelines[2]!, store }, { invoiceId, issuedOn: '2025-05-02' }, metadata());
  expect([again.number, other.number]).toEqual([first.number, first.number]);
  expect((await store.readStream(invoiceStream(invoiceId))).map((event) => event.type)).toEqual(['InvoiceDrafted', 'InvoiceIssued']);
  const sequence = await store.readStream(invoiceNumberStream('invoice', 'ZWG'));
  expect(sequence.filter((event) => (event.data as { invoiceId: string }).invoiceId === invoiceId)).toHaveLength(1);
});
