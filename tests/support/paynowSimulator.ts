import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Paynow stand-in speaking Paynow's protocol over real HTTP (docs/decisions/047): both initiation
 * endpoints, poll URLs, status updates posted to each payment's resulturl, and the test-mode phone
 * numbers. Its hashing is written here again on purpose, not imported from src/adapters/paynow: the
 * contract test holds both to Paynow's worked example, so this server cannot drift into agreeing
 * with a wrong adapter. Faults are programmable per reference or for every payment.
 *
 * Standalone: `npm run paynow:simulator -- --port 8090` (deploy/paynow-simulator/README.md).
 */

/** Paynow's test-mode numbers and what each does. */
export const paynowTestPhones = {
  success: '0771111111',
  delayedSuccess: '0772222222',
  userCancelled: '0773333333',
  insufficientBalance: '0774444444',
} as const;

export type SimulatedStatus =
  | 'Created' | 'Sent' | 'Awaiting Delivery' | 'Delivered' | 'Paid' | 'Cancelled' | 'Failed' | 'Disputed' | 'Refunded';

/** How a status update is delivered: after a delay, twice, followed by the stale previous status,
 * with a wrong hash, or not at all. */
export type CallbackFault = { kind: 'late'; delayMs: number } | { kind: 'twice' } | { kind: 'outOfOrder' } | { kind: 'badHash' } | { kind: 'lost' };
/** How initiation and poll replies go wrong: a wrong hash, or `status=Error` with this message. */
export type ReplyFault = { kind: 'badHash' } | { kind: 'error'; message: string };
/** `reportedAmount`: status updates and poll replies name this amount (e.g. `'30.00'`) instead of
 * the one initiated, as a payer who changed the sum, or a provider's error, would. */
export interface SimulatorFaults { callback?: CallbackFault; reply?: ReplyFault; reportedAmount?: string }

export interface PaynowSimulatorOptions {
  integrations: Array<{ id: string; key: string }>;
  host?: string;
  port?: number;
  /** When the test numbers' status updates come; Paynow's test mode waits 5, 30 and 30 seconds. */
  delays?: { successMs?: number; delayedSuccessMs?: number; userCancelledMs?: number };
  log?: (line: string) => void;
}

export interface SimulatedPayment {
  kind: 'web' | 'mobile';
  reference: string;
  paynowReference: string;
  integrationId: string;
  amount: string;
  status: SimulatedStatus;
  statusHistory: SimulatedStatus[];
  pollUrl: string;
  browserUrl?: string;
  resultUrl: string;
  returnUrl: string;
  authEmail: string;
  phone?: string;
  method?: string;
}

export interface ReceivedInitiation { path: string; fields: Array<[string, string]>; answer: 'Ok' | 'Error'; error?: string }
export interface DeliveredCallback {
  reference: string;
  status: SimulatedStatus;
  body: string;
  hashValid: boolean;
  /** HTTP status of the merchant's answer; null when the post failed or was lost on purpose. */
  httpStatus: number | null;
  lost: boolean;
}

export interface PaynowSimulator {
  readonly baseUrl: string;
  readonly received: { initiations: ReceivedInitiation[]; polls: string[]; callbacks: DeliveredCallback[] };
  payment(reference: string): SimulatedPayment | undefined;
  /** Faults for one reference (overriding the global ones) or, without a reference, for all. */
  setFaults(faults: SimulatorFaults, reference?: string): void;
  clearFaults(): void;
  markPaid(reference: string): void;
  markCancelled(reference: string): void;
  setStatus(reference: string, status: SimulatedStatus): void;
  /** Resolves once `count` status updates (delivered or lost) for the reference are recorded. */
  waitForCallbacks(reference: string, count: number, timeoutMs?: number): Promise<DeliveredCallback[]>;
  close(): Promise<void>;
}

export function simulatorHash(values: readonly string[], integrationKey: string): string {
  return createHash('sha512').update(`${values.join('')}${integrationKey}`, 'utf8').digest('hex').toUpperCase();
}

export async function startPaynowSimulator(options: PaynowSimulatorOptions): Promise<PaynowSimulator> {
  const keys = new Map(options.integrations.map(({ id, key }) => [id, key]));
  const delays = { successMs: 5000, delayedSuccessMs: 30_000, userCancelledMs: 30_000, ...options.delays };
  const log = options.log ?? (() => undefined);
  const payments = new Map<string, SimulatedPayment>(); // by paynowReference
  const latestByReference = new Map<string, SimulatedPayment>();
  const byGuid = new Map<string, SimulatedPayment>();
  const faultsByReference = new Map<string, SimulatorFaults>();
  let globalFaults: SimulatorFaults = {};
  const received: PaynowSimulator['received'] = { initiations: [], polls: [], callbacks: [] };
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<AbortController>();
  const callbackWaiters = new Set<() => void>();
  let nextPaynowReference = 9510;
  let closed = false;

  const faultsOf = (reference: string): SimulatorFaults => ({ ...globalFaults, ...faultsByReference.get(reference) });
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  /** Fields in `order`, then their hash (or a wrong one when asked). */
  function signed(fields: Array<[string, string]>, key: string, badHash = false): string {
    const hash = simulatorHash(fields.map(([, value]) => value), badHash ? `${key}-wrong` : key);
    return new URLSearchParams([...fields, ['hash', hash]]).toString();
  }

  function reportedAmount(payment: SimulatedPayment): string {
    return faultsOf(payment.reference).reportedAmount ?? payment.amount;
  }

  function statusMessage(payment: SimulatedPayment, status: SimulatedStatus, badHash: boolean): string {
    const key = keys.get(payment.integrationId) ?? '';
    // The field order of Paynow's status-update table; polls answer in another order (see poll()).
    return signed([['reference', payment.reference], ['amount', reportedAmount(payment)], ['paynowreference', payment.paynowReference],
      ['pollurl', payment.pollUrl], ['status', status]], key, badHash);
  }

  function changeStatus(payment: SimulatedPayment, status: SimulatedStatus): void {
    if (closed) return;
    const previous = payment.status;
    payment.status = status;
    payment.statusHistory.push(status);
    log(`payment ${payment.reference} (${payment.paynowReference}): ${previous} -> ${status}`);
    const fault = faultsOf(payment.reference).callback;
    const deliverAll = async () => {
      await deliver(payment, status, fault?.kind === 'badHash', fault?.kind === 'lost');
      if (fault?.kind === 'twice') await deliver(payment, status, false, false);
      if (fault?.kind === 'outOfOrder') await deliver(payment, previous, false, false);
    };
    if (fault?.kind === 'late') later(fault.delayMs, () => void deliverAll());
    else void deliverAll();
  }

  async function deliver(payment: SimulatedPayment, status: SimulatedStatus, badHash: boolean, lost: boolean): Promise<void> {
    const body = statusMessage(payment, status, badHash);
    const record: DeliveredCallback = { reference: payment.reference, status, body, hashValid: !badHash, httpStatus: null, lost };
    if (!lost && !closed) {
      const abort = new AbortController();
      inFlight.add(abort);
      try {
        const response = await fetch(payment.resultUrl, {
          method: 'POST', redirect: 'manual', signal: abort.signal,
          headers: { 'content-type': 'application/x-www-form-urlencoded' }, body,
        });
        await response.arrayBuffer();
        record.httpStatus = response.status;
      } catch (error) {
        log(`status update to ${payment.resultUrl} failed: ${(error as Error).message}`);
      } finally {
        inFlight.delete(abort);
      }
    }
    received.callbacks.push(record);
    for (const wake of [...callbackWaiters]) wake();
  }

  function initiate(path: string, fields: Array<[string, string]>, origin: string): string {
    const value = (name: string) => fields.find(([field]) => field.toLowerCase() === name)?.[1] ?? '';
    const refuse = (error: string) => {
      received.initiations.push({ path, fields, answer: 'Error', error });
      log(`initiation ${value('reference')} refused: ${error}`);
      return new URLSearchParams([['status', 'Error'], ['error', error]]).toString();
    };
    const key = keys.get(value('id'));
    if (key === undefined) return refuse('Invalid Id.');
    const receivedHash = value('hash');
    const expected = simulatorHash(fields.filter(([name]) => name.toLowerCase() !== 'hash').map(([, v]) => v), key);
    if (receivedHash.toUpperCase() !== expected) return refuse('Invalid Hash.');
    if (value('status') !== 'Message') return refuse('Invalid status field.');
    if (!value('reference')) return refuse('Missing reference.');
    const amount = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value('amount'));
    if (!amount || Number(`${amount[1]}.${amount[2] ?? '0'}`) <= 0) return refuse('Invalid amount field');
    if (!/^https?:\/\//.test(value('resulturl'))) return refuse('Invalid resulturl.');
    const mobile = path === '/interface/remotetransaction';
    if (mobile && !['ecocash', 'onemoney'].includes(value('method'))) return refuse('Invalid payment method.');
    if (mobile && !/^07\d{8}$/.test(value('phone'))) return refuse('Invalid phone number.');
    const reference = value('reference');
    const reply = faultsOf(reference).reply;
    if (reply?.kind === 'error') return refuse(reply.message);
    if (mobile && value('phone') === paynowTestPhones.insufficientBalance) return refuse('Insufficient balance');

    const paynowReference = String(nextPaynowReference++);
    const guid = randomUUID();
    const payment: SimulatedPayment = {
      kind: mobile ? 'mobile' : 'web', reference, paynowReference, integrationId: value('id'),
      amount: `${amount[1]}.${(amount[2] ?? '').padEnd(2, '0')}`, status: mobile ? 'Sent' : 'Created', statusHistory: [],
      pollUrl: `${origin}/Interface/CheckPayment/?guid=${guid}`, resultUrl: value('resulturl'), returnUrl: value('returnurl'),
      authEmail: value('authemail'), ...(mobile ? { phone: value('phone'), method: value('method') } : { browserUrl: `${origin}/Payment/ConfirmPayment/${paynowReference}` }),
    };
    payment.statusHistory.push(payment.status);
    payments.set(paynowReference, payment);
    latestByReference.set(reference, payment);
    byGuid.set(guid, payment);
    received.initiations.push({ path, fields, answer: 'Ok' });
    log(`initiated ${payment.kind} payment ${reference} (${paynowReference}) for ${payment.amount}`);

    if (mobile) {
      const outcome = ({
        [paynowTestPhones.success]: ['Paid', delays.successMs],
        [paynowTestPhones.delayedSuccess]: ['Paid', delays.delayedSuccessMs],
        // The documentation: "Paynow will send a FAILED status update" when the user cancels.
        [paynowTestPhones.userCancelled]: ['Failed', delays.userCancelledMs],
      } as Record<string, [SimulatedStatus, number]>)[payment.phone ?? ''];
      if (outcome) later(outcome[1], () => changeStatus(payment, outcome[0]));
      return signed([['status', 'Ok'], ['instructions', `Dial *151*2*4# and enter your PIN to pay ${payment.amount}`],
        ['paynowreference', paynowReference], ['pollurl', payment.pollUrl]], key, reply?.kind === 'badHash');
    }
    // The order of Paynow's worked example of a reply (status, browserurl, pollurl, paynowreference).
    return signed([['status', 'Ok'], ['browserurl', payment.browserUrl ?? ''], ['pollurl', payment.pollUrl],
      ['paynowreference', paynowReference]], key, reply?.kind === 'badHash');
  }

  function poll(guid: string): string {
    received.polls.push(guid);
    const payment = byGuid.get(guid);
    if (!payment) return new URLSearchParams([['status', 'Error'], ['error', 'Transaction not found.']]).toString();
    const reply = faultsOf(payment.reference).reply;
    if (reply?.kind === 'error') return new URLSearchParams([['status', 'Error'], ['error', reply.message]]).toString();
    // The order of Paynow's example poll reply, which differs from its status updates.
    return signed([['reference', payment.reference], ['paynowreference', payment.paynowReference], ['amount', reportedAmount(payment)],
      ['status', payment.status], ['pollurl', payment.pollUrl]], keys.get(payment.integrationId) ?? '', reply?.kind === 'badHash');
  }

  const byReference = (reference: string): SimulatedPayment => {
    const payment = latestByReference.get(reference);
    if (!payment) throw new Error(`the Paynow simulator has no payment with reference ${reference}`);
    return payment;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`request failed: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname.toLowerCase().replace(/\/+$/, '');
    const reply = (text: string, type = 'text/plain; charset=utf-8'): void => void response.writeHead(200, { 'content-type': type }).end(text);
    const confirmPage = /^\/payment\/confirmpayment\/(\d+)$/.exec(path);
    if (request.method === 'GET' && confirmPage) {
      const payment = payments.get(confirmPage[1] ?? '');
      if (!payment) return void response.writeHead(404).end('no such payment');
      return reply(`<!doctype html><title>Paynow simulator</title><p>Pay ${payment.amount} for ${escapeHtml(payment.reference)} (${payment.status})</p>`
        + `<form method="post"><button name="action" value="pay">[TESTING: Faked Success]</button><button name="action" value="cancel">Cancel</button></form>`, 'text/html; charset=utf-8');
    }
    if (request.method !== 'POST') return void response.writeHead(405).end();
    const body = await readBody(request);
    if (confirmPage) {
      const payment = payments.get(confirmPage[1] ?? '');
      if (!payment) return void response.writeHead(404).end('no such payment');
      changeStatus(payment, new URLSearchParams(body).get('action') === 'pay' ? 'Paid' : 'Cancelled');
      return reply(`<!doctype html><p>${payment.status}. <a href="${escapeHtml(payment.returnUrl)}">Back to the merchant</a></p>`, 'text/html; charset=utf-8');
    }
    if (path === '/interface/initiatetransaction' || path === '/interface/remotetransaction') {
      // Poll and browser URLs use the address the merchant called (in compose http://paynow-simulator:8090).
      const calledAt = request.headers.host ? `http://${request.headers.host}` : origin;
      return reply(initiate(path, [...new URLSearchParams(body)], calledAt));
    }
    if (path === '/interface/checkpayment') return reply(poll(url.searchParams.get('guid') ?? ''));
    response.writeHead(404).end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;

  return {
    baseUrl: origin,
    received,
    payment: (reference) => latestByReference.get(reference),
    setFaults(faults, reference) {
      if (reference === undefined) globalFaults = faults;
      else faultsByReference.set(reference, faults);
    },
    clearFaults() {
      globalFaults = {};
      faultsByReference.clear();
    },
    markPaid: (reference) => changeStatus(byReference(reference), 'Paid'),
    markCancelled: (reference) => changeStatus(byReference(reference), 'Cancelled'),
    setStatus: (reference, status) => changeStatus(byReference(reference), status),
    waitForCallbacks(reference, count, timeoutMs = 10_000) {
      const matching = () => received.callbacks.filter((callback) => callback.reference === reference);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (matching().length < count) return;
          cleanUp();
          resolve(matching());
        };
        const timer = setTimeout(() => {
          cleanUp();
          reject(new Error(`Paynow simulator: ${matching().length} of ${count} status updates for ${reference} within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanUp = () => {
          clearTimeout(timer);
          callbackWaiters.delete(check);
        };
        callbackWaiters.add(check);
        check();
      });
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const abort of inFlight) abort.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** `node --import tsx tests/support/paynowSimulator.ts --port 8090 [--host 0.0.0.0]`, with the
 * integration the platform uses in PAYNOW_INTEGRATION_ID and PAYNOW_INTEGRATION_KEY. */
async function runStandalone(argv: string[]): Promise<void> {
  const argument = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const id = process.env.PAYNOW_INTEGRATION_ID;
  const key = process.env.PAYNOW_INTEGRATION_KEY;
  if (!id || !key) throw new Error('set PAYNOW_INTEGRATION_ID and PAYNOW_INTEGRATION_KEY (the same values the platform uses)');
  const port = Number(argument('port') ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const simulator = await startPaynowSimulator({
    integrations: [{ id, key }], port, host: argument('host') ?? '127.0.0.1',
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(`Paynow simulator for integration ${id} on ${simulator.baseUrl} (PAYNOW_BASE_URL is the address the platform reaches it at)\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  runStandalone(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
