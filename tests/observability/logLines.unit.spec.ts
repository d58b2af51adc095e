import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability/logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
  return { logger: createLogger('info', sink), lines };
}

/** Keys of a JSON object's top level as written, duplicates kept (JSON.parse would hide them). */
function writtenKeys(line: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (const match of line.matchAll(/"(?:[^"\\]|\\.)*"\s*:|[{}[\]]/g)) {
    const token = match[0];
    if (token === '{' || token === '[') depth += 1;
    else if (token === '}' || token === ']') depth -= 1;
    else if (depth === 1) keys.push(JSON.parse(token.slice(0, token.lastIndexOf(':')).trim()) as string);
  }
  return keys;
}

test('a child logger never repeats a key of its parent: the nearer binding wins', () => {
  const { logger, lines } = capture();
  const bus = logger.child({ component: 'bus' });
  const relay = bus.child({ component: 'relay', relay: 'main' });
  relay.child({ component: 'amqp-channel', channel: 'relay' }).info({ after: 3 }, 'hello');
  bus.info('from the bus');
  const [nested, parent] = lines.map((line) => line.trim());
  const keys = writtenKeys(nested!);
  expect(keys.length).toBe(new Set(keys).size);
  expect(JSON.parse(nested!)).toMatchObject({ service: 'control-plane', component: 'amqp-channel', relay: 'main', channel: 'relay', after: 3 });
  expect(JSON.parse(parent!)).toMatchObject({ component: 'bus' });
  expect(writtenKeys(parent!).filter((key) => key === 'component')).toHaveLength(1);
});

test('a child without repeated keys keeps its bindings as pino wrote them, redaction included', () => {
  const { logger, lines } = capture();
  logger.child({ component: 'api', token: 'tok-secret' }).child({ requestId: 'r1' }).info('x');
  const line = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(line).toMatchObject({ component: 'api', requestId: 'r1', token: '[redacted]' });
  expect(lines[0]).not.toContain('tok-secret');
});

test('errors are logged under err, with their type and stack', () => {
  const { logger, lines } = capture();
  logger.child({ component: 'relay' }).warn({ err: new TypeError('broken pipe') }, 'relay session failed');
  const line = JSON.parse(lines[0]!) as { err: { type: string; message: string; stack: string } };
  expect(line.err).toMatchObject({ type: 'TypeError', message: 'broken pipe' });
  expect(line.err.stack).toContain('TypeError: broken pipe');
});
