import { Writable } from 'node:stream';
import { createLogger } from '../../src/observability/logger';

test('secrets in logged objects are redacted, at the depths the platform logs them', () => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
  const logger = createLogger('info', sink);
  logger.info({
    password: 'pw-top', token: 'tok-top', body: { password: 'pw-1', token: 'tok-1', secretAccessKey: 'sak-1' },
    target: { credentials: { secretAccessKey: 'sak-2' } }, req: { headers: { authorization: 'Bearer abc' } },
    config: { DATABASE_URL: 'postgres://u:dbpw@h/db' }, kept: 'visible',
  }, 'with secrets');
  const logged = lines.join('');
  for (const secret of ['pw-top', 'tok-top', 'pw-1', 'tok-1', 'sak-1', 'sak-2', 'Bearer abc', 'dbpw']) expect(logged).not.toContain(secret);
  expect(logged).toContain('visible');
});
