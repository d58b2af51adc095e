import { randomBytes } from 'node:crypto';
import { identityOptionsFromConfig } from '../../src/wiring/createIdentityDeps';
import { createPostgresTokenVault } from '../../src/adapters/identity/createPostgresTokenVault';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/observability/logger';
import { startPlatform, type Platform, type Role } from '../../src/wiring/startPlatform';
import { createTestPool, dropSchema, testDatabaseUrl, uniqueSchemaName } from './postgres';

export interface TestPlatform extends Platform {
  url: string;
  config: Config;
  /** Number of events in this platform's event store. */
  countEvents(): Promise<number>;
  /** The raw token of the link a mail about `reference` carries (what the notifier reads from the
   * vault for the user's mailbox), e.g. the welcome mail's email-verification link. */
  mailedToken(reference: string): Promise<string | null>;
}

// Platforms by URL, so helpers that get only a base URL (signUp) can read what a user's mailbox would.
const running = new Map<string, TestPlatform>();
export function testPlatformAt(url: string): TestPlatform | undefined {
  return running.get(url);
}

/** A whole platform (api + worker) on its own schemas and a free port. */
export async function startTestPlatform(role: Role = 'all', env: Record<string, string> = {}): Promise<TestPlatform> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl,
    HTTP_PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    EVENTSTORE_SCHEMA: uniqueSchemaName('es'),
    READMODEL_SCHEMA: uniqueSchemaName('rm'),
    IDENTITY_SCHEMA: uniqueSchemaName('id'),
    BUS_SCHEMA: uniqueSchemaName('bus'),
    // The saga schedule, subdomain claims and secrets, and the notifier's tables: a platform of a suite
    // that wrote to the default schemas (an operator's saga retry makes the saga due there) handed
    // its rows to every other platform on the machine, `npm start` included.
    SAGA_SCHEMA: uniqueSchemaName('sg'),
    NOTIFY_SCHEMA: uniqueSchemaName('nt'),
    // HTTP suites run without the bus: the broker's default vhost is shared by every suite.
    BUS_ENABLED: 'false',
    // …and without the sagas, which need the Docker engine; instance suites start their own workers.
    SAGAS_ENABLED: 'false',
    // Cheaper scrypt in tests (production default 2^17): suites register many users.
    PASSWORD_SCRYPT_COST: '4096',
    // Every suite's requests come from 127.0.0.1: per-IP budgets and per-user quotas that a suite
    // signing up dozens of users cannot spend (tests/security/noQuotas sets its own).
    REGISTRATIONS_PER_IP_HOURLY: '100000', PASSWORD_RESETS_PER_IP_HOURLY: '100000',
    VERIFICATION_RESENDS_PER_IP_HOURLY: '100000', INVITATIONS_PER_IP_HOURLY: '100000',
    TENANTS_PER_USER_MAX: '1000', API_KEYS_PER_USER_MAX: '1000', INSTANCES_PER_TENANT_MAX: '1000',
    // Keys of this platform alone (missing keys fail closed; docs/decisions/030).
    SECRETS_KEY: randomBytes(32).toString('base64'),
    NOTIFY_UNSUBSCRIBE_KEY: randomBytes(32).toString('base64'),
    ...env,
  });
  const platform = await startPlatform(config, role, createLogger(config.LOG_LEVEL));
  const admin = createTestPool(2);
  const vault = createPostgresTokenVault(admin, config.IDENTITY_SCHEMA, identityOptionsFromConfig(config).secretsKey);
  const testPlatform: TestPlatform = {
    ...platform,
    url: platform.url ?? '',
    config,
    async countEvents() {
      const { rows } = await admin.query<{ count: number }>(`SELECT count(*)::int AS count FROM "${config.EVENTSTORE_SCHEMA}".events`);
      return rows[0]!.count;
    },
    mailedToken: (reference) => vault.take(reference),
    async stop() {
      running.delete(testPlatform.url);
      await platform.stop();
      await dropSchema(admin, config.EVENTSTORE_SCHEMA);
      await dropSchema(admin, config.READMODEL_SCHEMA);
      await dropSchema(admin, config.BUS_SCHEMA);
      await dropSchema(admin, config.IDENTITY_SCHEMA);
      await dropSchema(admin, config.SAGA_SCHEMA);
      await dropSchema(admin, config.NOTIFY_SCHEMA);
      await admin.end();
    },
  };
  running.set(testPlatform.url, testPlatform);
  return testPlatform;
}
