import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPaynowGateway } from '../../../src/adapters/paynow/createPaynowGateway';
import type { PaynowSettings } from '../../../src/adapters/paynow/paynowSettings';
import { money } from '../../../src/domain/billing/money';
import {
  PaymentGatewayProtocolError, PaymentGatewayUnavailableError, PaymentHashMismatchError, paymentOutcome,
  type MobileMoneyMethod, type PaymentGateway, type PaymentStatusReport,
} from '../../../src/ports/paymentGateway';
import { paynowTestPhones, startPaynowSimulator, type PaynowSimulator } from '../../support/paynowSimulator';

/** The merchant's result URL: a real HTTP endpoint that hands each post to the adapter, as the
 * billing route will, answering 401 to a post that fails verification. */
interface ResultEndpoint { url: string; accepted: PaymentStatusReport[]; refused: Error[]; server: Server }

async function startResultEndpoint(gateway: () => PaymentGateway): Promise<ResultEndpoint> {
  const endpoint = { accepted: [], refused: [] } as unknown as ResultEndpoint;
  endpoint.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        endpoint.accepted.push(gateway().parseResultCallback(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(200).end();
      } catch (error) {
        endpoint.refused.push(error as Error);
        response.writeHead(error instanceof PaymentHashMismatchError ? 401 : 400).end();
      }
    });
  });
  await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/api/v1/billing/paynow/result`;
  return endpoint;
}

const integrationKey = randomUUID();
let simulator: PaynowSimulator;
let results: ResultEndpoint;
let settings: PaynowSettings;
let gateway: PaymentGateway;
const thrown: unknown[] = [];

beforeAll(async () => {
  simulator = await startPaynowSimulator({
    integrations: [{ id: '1201', key: integrationKey }],
    delays: { successMs: 50, delayedSuccessMs: 1500, userCancelledMs: 100 },
  });
  results = await startResultEndpoint(() => gateway);
  settings = {
    integrationId: '1201', integrationKey, baseUrl: simulator.baseUrl, resultUrl: results.url,
    returnUrl: 'http://127.0.0.1:8080/billing/return', authEmail: 'merchant@example.co.zw', timeoutMs: 2000,
  };
  gateway = createPaynowGateway(settings);
});

afterEach(() => simulator.clearFaults());

afterAll(async () => {
  // Nothing the adapter threw in this file names the key.
  for (const error of [...thrown, ...results.refused]) expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain(integrationKey);
  await simulator.close();
  results.server.closeAllConnections();
  await new Promise((resolve) => results.server.close(resolve));
});

const reference = () => `INV-USD-${randomUUID().slice(0, 8)}`;
const mobilePayment = (ref: string, phone: string, method: MobileMoneyMethod = 'ecocash') =>
  gateway.initiateMobilePayment({ reference: ref, amount: money(1234, 'USD'), description: 'Odoo hosting', phone, method });

async function aClosedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    thrown.push(error);
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('Paynow adapter against the simulator, over HTTP', () => {
  it('web checkout: a browser URL and a poll URL; polls say Created, then Paid once paid, with the amount', async () => {
    const ref = reference();
    const started = await gateway.initiateWebPayment({ reference: ref, amount: money(250_075, 'USD'), description: 'Annual plan', payerEmail: 'tendai@example.co.zw' });
    if (started.outcome !== 'started') throw new Error(`refused: ${started.reason}`);
    expect(started.browserUrl).toMatch(new RegExp(`^${simulator.baseUrl}/Payment/ConfirmPayment/\\d+$`));
    expect(simulator.payment(ref)).toMatchObject({ amount: '2500.75', authEmail: 'merchant@example.co.zw', kind: 'web' });
    expect(await gateway.pollPayment(started.pollUrl)).toMatchObject({ reference: ref, status: 'Created', amount: { amountMinor: 250_075, currency: 'USD' } });

    simulator.markPaid(ref);
    await simulator.waitForCallbacks(ref, 1);
    expect(results.accepted.filter((report) => report.reference === ref)).toEqual([
      { reference: ref, paynowReference: started.paynowReference, amount: { amountMinor: 250_075, currency: 'USD' }, status: 'Paid', pollUrl: started.pollUrl },
    ]);
    expect(await gateway.pollPayment(started.pollUrl)).toMatchObject({ status: 'Paid', paynowReference: started.paynowReference });
  });

  it(`success number ${paynowTestPhones.success}: a prompt, then a verified Paid status update`, async () => {
    const ref = reference();
    const started = await mobilePayment(ref, paynowTestPhones.success);
    expect(started).toMatchObject({ outcome: 'started', instructions: expect.stringContaining('12.34') });
    expect(simulator.payment(ref)).toMatchObject({ phone: '0771111111', method: 'ecocash', status: 'Sent' });
    const [callback] = await simulator.waitForCallbacks(ref, 1);
    expect(callback).toMatchObject({ status: 'Paid', httpStatus: 200 });
    expect(results.accepted.find((report) => report.reference === ref)).toMatchObject({ status: 'Paid', amount: { amountMinor: 1234, currency: 'USD' } });
  });

  it(`delayed success number ${paynowTestPhones.delayedSuccess}: Sent while the payer takes their time, then Paid`, async () => {
    const ref = reference();
    const started = await mobilePayment(ref, '+263772222222', 'onemoney');
    if (started.outcome !== 'started') throw new Error('refused');
    expect(await gateway.pollPayment(started.pollUrl)).toMatchObject({ status: 'Sent' });
    expect(simulator.received.callbacks.filter((callback) => callback.reference === ref)).toEqual([]);
    await simulator.waitForCallbacks(ref, 1);
    const report = await gateway.pollPayment(started.pollUrl);
    expect([report.status, paymentOutcome(report.status)]).toEqual(['Paid', 'paid']);
  });

  it(`user cancelled number ${paynowTestPhones.userCancelled}: a Failed status update, nothing paid`, async () => {
    const ref = reference();
    await mobilePayment(ref, paynowTestPhones.userCancelled);
    await simulator.waitForCallbacks(ref, 1);
    const report = results.accepted.find((accepted) => accepted.reference === ref);
    expect(report && [report.status, paymentOutcome(report.status)]).toEqual(['Failed', 'unpaid']);
  });

  it(`insufficient balance number ${paynowTestPhones.insufficientBalance}: refused at initiation with Paynow's reason, nothing created`, async () => {
    const ref = reference();
    expect(await mobilePayment(ref, paynowTestPhones.insufficientBalance)).toEqual({ outcome: 'refused', reason: 'Insufficient balance' });
    expect(simulator.payment(ref)).toBeUndefined();
  });

  it('an Error reply is a refusal with its message', async () => {
    const ref = reference();
    simulator.setFaults({ reply: { kind: 'error', message: 'Invalid amount field' } }, ref);
    expect(await mobilePayment(ref, paynowTestPhones.success)).toEqual({ outcome: 'refused', reason: 'Invalid amount field' });
  });

  it('refuses an initiation reply and a poll reply with a bad hash', async () => {
    const ref = reference();
    simulator.setFaults({ reply: { kind: 'badHash' } }, ref);
    const error = await rejection(mobilePayment(ref, '0779999999'));
    expect(error).toBeInstanceOf(PaymentHashMismatchError);
    expect(error.message).toBe('initiation reply from the payment provider failed hash verification');

    const pollUrl = simulator.payment(ref)?.pollUrl ?? '';
    expect(await rejection(gateway.pollPayment(pollUrl))).toBeInstanceOf(PaymentHashMismatchError);
    simulator.clearFaults();
    expect(await gateway.pollPayment(pollUrl)).toMatchObject({ reference: ref, status: 'Sent' });
  });

  it('refuses a status update with a bad hash (the result endpoint answers 401); a poll still tells the truth', async () => {
    const ref = reference();
    simulator.setFaults({ callback: { kind: 'badHash' } }, ref);
    const started = await mobilePayment(ref, paynowTestPhones.success);
    const [callback] = await simulator.waitForCallbacks(ref, 1);
    expect(callback).toMatchObject({ status: 'Paid', hashValid: false, httpStatus: 401 });
    expect(results.accepted.some((report) => report.reference === ref)).toBe(false);
    if (started.outcome !== 'started') throw new Error('refused');
    expect(await gateway.pollPayment(started.pollUrl)).toMatchObject({ status: 'Paid' });
  });

  it('refuses a status update signed with another key, and one altered on the way', async () => {
    const other = createPaynowGateway({ ...settings, integrationKey: randomUUID() });
    const ref = reference();
    await mobilePayment(ref, paynowTestPhones.success);
    const body = (await simulator.waitForCallbacks(ref, 1))[0]?.body ?? '';
    expect(() => gateway.parseResultCallback(body)).not.toThrow();
    expect(() => other.parseResultCallback(body)).toThrow(PaymentHashMismatchError);
    expect(() => gateway.parseResultCallback(body.replace(/amount=[^&]+/, 'amount=0.01'))).toThrow(PaymentHashMismatchError);
  });

  it('simulator faults the payment saga must survive: twice, out of order, late, lost', async () => {
    const [twice, outOfOrder, late, lost] = [reference(), reference(), reference(), reference()];
    simulator.setFaults({ callback: { kind: 'twice' } }, twice);
    simulator.setFaults({ callback: { kind: 'outOfOrder' } }, outOfOrder);
    simulator.setFaults({ callback: { kind: 'late', delayMs: 400 } }, late);
    simulator.setFaults({ callback: { kind: 'lost' } }, lost);
    for (const ref of [twice, outOfOrder, late, lost]) await mobilePayment(ref, '0779999999');
    const startedAt = Date.now();
    for (const ref of [twice, outOfOrder, late, lost]) simulator.markPaid(ref);

    expect((await simulator.waitForCallbacks(twice, 2)).map((callback) => [callback.status, callback.httpStatus])).toEqual([['Paid', 200], ['Paid', 200]]);
    expect((await simulator.waitForCallbacks(outOfOrder, 2)).map((callback) => callback.status)).toEqual(['Paid', 'Sent']);
    await simulator.waitForCallbacks(late, 1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(390);
    expect(await simulator.waitForCallbacks(lost, 1)).toEqual([expect.objectContaining({ lost: true, httpStatus: null })]);
    expect(results.accepted.some((report) => report.reference === lost)).toBe(false);
    expect(await gateway.pollPayment(simulator.payment(lost)?.pollUrl ?? '')).toMatchObject({ reference: lost, status: 'Paid' });
  });

  it('the simulator refuses an initiation signed with another key', async () => {
    const wrongKey = createPaynowGateway({ ...settings, integrationKey: randomUUID() });
    const ref = reference();
    expect(await wrongKey.initiateMobilePayment({ reference: ref, amount: money(100, 'USD'), phone: paynowTestPhones.success, method: 'ecocash' }))
      .toEqual({ outcome: 'refused', reason: 'Invalid Hash.' });
    expect(simulator.payment(ref)).toBeUndefined();
  });

  it('polls only Paynow\'s host, and says nothing of the poll URL\'s query when it does not', async () => {
    const error = await rejection(gateway.pollPayment('http://169.254.169.254/Interface/CheckPayment/?guid=secret-guid'));
    expect(error).toBeInstanceOf(PaymentGatewayProtocolError);
    expect(error.message).not.toContain('secret-guid');
  });
});

describe('Paynow adapter when Paynow misbehaves at the HTTP level', () => {
  let peer: Server;
  let peerUrl: string;
  let hits: string[];
  beforeAll(async () => {
    hits = [];
    peer = createServer((request, response) => {
      hits.push(request.url ?? '');
      if (request.url?.startsWith('/interface/initiatetransaction')) return void response.writeHead(302, { location: '/elsewhere' }).end();
      if (request.url?.startsWith('/interface/remotetransaction')) return; // never answers
      if (request.url?.startsWith('/Interface/CheckPayment')) return void response.writeHead(503).end();
      response.writeHead(200).end('status=Ok');
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    peer.closeAllConnections();
    await new Promise((resolve) => peer.close(resolve));
  });
  const misbehaving = () => createPaynowGateway({ ...settings, baseUrl: peerUrl, timeoutMs: 300 });
  const request = { reference: 'INV-1', amount: money(100, 'USD') };

  it('does not follow a redirect', async () => {
    expect(await rejection(misbehaving().initiateWebPayment(request))).toBeInstanceOf(PaymentGatewayProtocolError);
    expect(hits).not.toContain('/elsewhere');
  });

  it('gives up after its timeout, saying the request may have arrived', async () => {
    const error = await rejection(misbehaving().initiateMobilePayment({ ...request, phone: '0771111111', method: 'ecocash' }));
    expect(error).toBeInstanceOf(PaymentGatewayUnavailableError);
    expect((error as PaymentGatewayUnavailableError).requestMayHaveArrived).toBe(true);
  });

  it('calls an HTTP 503 unavailable, and a refused connection unavailable without the request having arrived', async () => {
    expect(await rejection(misbehaving().pollPayment(`${peerUrl}/Interface/CheckPayment/?guid=1`))).toBeInstanceOf(PaymentGatewayUnavailableError);
    const closedPort = createPaynowGateway({ ...settings, baseUrl: await aClosedPortUrl(), timeoutMs: 300 });
    const error = await rejection(closedPort.initiateWebPayment(request));
    expect(error).toMatchObject({ name: 'PaymentGatewayUnavailableError', requestMayHaveArrived: false });
  });
});
