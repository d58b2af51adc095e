import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { startPlatform } from '../../src/wiring/startPlatform';
import { createTestPool, dropSchema, testDatabaseUrl, uniqueSchemaName } from '../support/postgres';

// Issue 13, finding 10: without SECRETS_KEY and NOTIFY_UNSUBSCRIBE_KEY the platform started on keys
// built into the code (NODE_ENV defaulted to development), so anyone could decrypt its secrets table
// and forge unsubscribe links. Now it refuses unless PLATFORM_DEV_MODE=1 says so, and then it says so.
const admin = createTestPool(2);
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(admin, schema);
  await admin.end();
});

const key = () => randomBytes(32).toString('base64');
function platformEnv(extra: Record<string, string>): Record<string, string> {
  const names = { EVENTSTORE_SCHEMA: uniqueSchemaName('es'), READMODEL_SCHEMA: uniqueSchemaName('rm'), IDENTITY_SCHEMA: uniqueSchemaName('id'), BUS_SCHEMA: uniqueSchemaName('bus') };
  schemas.push(...Object.values(names));
  return { DATABASE_URL: testDatabaseUrl, HTTP_PORT: '0', METRICS_PORT: '0', BUS_ENABLED: 'false', SAGAS_ENABLED: 'false', LOG_LEVEL: 'info', ...names, ...extra };
}
function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
  return { logger: createLogger('info', sink), lines };
}

test.each([
  ['neither key', {}],
  ['only SECRETS_KEY', { SECRETS_KEY: key() }],
  ['only NOTIFY_UNSUBSCRIBE_KEY', { NOTIFY_UNSUBSCRIBE_KEY: key() }],
])('refuses to start with %s and no PLATFORM_DEV_MODE', async (_name, keys: Record<string, string>) => {
  const { logger } = capturingLogger();
  let started: Awaited<ReturnType<typeof startPlatform>> | null = null;
  try {
    started = await startPlatform(loadConfig(platformEnv(keys)), 'api', logger);
  } catch (error) {
    expect(String(error)).toMatch(/PLATFORM_DEV_MODE=1/);
    return;
  } finally {
    await started?.stop();
  }
  throw new Error('the platform started without its secret keys');
});

test('production refuses the built-in keys even with PLATFORM_DEV_MODE=1', async () => {
  const { logger } = capturingLogger();
  let started: Awaited<ReturnType<typeof startPlatform>> | null = null;
  try {
    started = await startPlatform(loadConfig(platformEnv({ NODE_ENV: 'production', PLATFORM_DEV_MODE: '1' })), 'api', logger);
  } catch (error) {
    expect(String(error)).toMatch(/production/);
    return;
  } finally {
    await started?.stop();
  }
  throw new Error('production started on built-in keys');
});

test('PLATFORM_DEV_MODE=1 starts on the built-in keys and says so in the log', async () => {
  const { logger, lines } = capturingLogger();
  const platform = await startPlatform(loadConfig(platformEnv({ PLATFORM_DEV_MODE: '1' })), 'api', logger);
  await platform.stop();
  const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string; builtInKeys?: string[] }).find((line) => /PLATFORM_DEV_MODE/.test(line.msg));
  expect(warning).toMatchObject({ level: 40, builtInKeys: ['SECRETS_KEY', 'NOTIFY_UNSUBSCRIBE_KEY'] });
});

test('with both keys set, no dev mode is needed and none is announced', async () => {
  const { logger, lines } = capturingLogger();
  const platform = await startPlatform(loadConfig(platformEnv({ SECRETS_KEY: key(), NOTIFY_UNSUBSCRIBE_KEY: key() })), 'api', logger);
  await platform.stop();
  expect(lines.join('')).not.toMatch(/PLATFORM_DEV_MODE/);
});
