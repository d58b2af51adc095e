import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type pg from 'pg';
import { createPostgresCommandLog } from '../../../src/adapters/commandLog/createPostgresCommandLog';
import type { RecordedEvent } from '../../../src/ports/eventStore';
import { createIdentityDeps, identityOptionsFromConfig } from '../../../src/wiring/createIdentityDeps';
import { createKysely } from '../../../src/adapters/postgres/createKysely';
import { startBus, type Bus } from '../../../src/wiring/startBus';
import { createAuthenticate } from '../../../src/api/authorization/createAuthenticate';
import { createAuthorizer } from '../../../src/api/authorization/createAuthorizer';
import { createCallerFactsLoader } from '../../../src/api/authorization/loadCallerFacts';
import { createTenantAccessLoader } from '../../../src/api/authorization/loadTenantAccess';
import { createHttpApp } from '../../../src/api/http/createHttpApp';
import { notificationRoutes } from '../../../src/api/http/routes/notificationRoutes';
import { commandHandlers } from '../../../src/commands/commandHandlers';
import { createCommandPipeline } from '../../../src/commands/handleCommand';
import type { Config } from '../../../src/config';
import { createLogger } from '../../../src/observability/logger';
import { startNotifier, unsubscribeKeyFromConfig, type Notifier } from '../../../src/wiring/startNotifier';
import type { ProjectionDb } from '../../../src/projections/runtime/projection';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { createTestVhost, deleteTestVhost, testAmqpUrl } from '../../support/rabbitmq';
import { startTestPlatform, type TestPlatform } from '../../support/testPlatform';
import { startTestSmtpServer, type TestSmtpServer } from './testSmtpServer';

export interface NotifierWorld {
  platform: TestPlatform;
  config: Config;
  smtp: TestSmtpServer;
  pool: pg.Pool;
  notifier: Notifier;
  bus: Bus;
  /** The notification routes, mounted as startPlatform mounts them (api role). */
  notificationsUrl: string;
  notificationEvents(): Promise<RecordedEvent[]>;
  teardown(): Promise<void>;
}

/**
 * A platform (HTTP API, projections) on its own schemas, plus what the worker role adds for
 * notifications: the relay and the notifier group on a vhost of its own, mailing a real SMTP server
 * in this process. Fast retries and breaker so outages resolve within a test.
 */
export async function startNotifierWorld(platformEnv: Record<string, string> = {}): Promise<NotifierWorld> {
  const smtp = await startTestSmtpServer();
  const vhost = await createTestVhost('notifier');
  const platform = await startTestPlatform('all', { ...platformEnv, BUS_ENABLED: 'false' });
  const config: Config = {
    ...platform.config,
    AMQP_URL: testAmqpUrl, AMQP_VHOST: vhost, AMQP_RECONNECT_SECONDS: 0.2,
    AMQP_DELIVERY_LIMIT: 12, AMQP_RETRY_DELAYS_MS: [100, 200, 400],
    BUS_SCHEMA: uniqueSchemaName('ntf_bus'), NOTIFY_SCHEMA: uniqueSchemaName('ntf'),
    SMTP_URL: smtp.url, SMTP_TIMEOUT_MS: 2000, PUBLIC_APP_URL: 'https://app.example.test',
    NOTIFY_UNHEALTHY_AFTER_MINUTES: 0.02, NOTIFY_SWEEP_INTERVAL_MS: 100,
    BREAKER_VOLUME_THRESHOLD: 2, BREAKER_RESET_TIMEOUT_MS: 300, BREAKER_CALL_TIMEOUT_MS: 5000,
  };
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const pool = createTestPool(12);
  const db: ProjectionDb = createKysely(pool);
  const store = platform.store;
  const notifier = await startNotifier({ config, pool, db, store, logger });
  const bus = await startBus({ config, pool, store, logger, relay: true, consumers: [notifier.consumer] });
  await bus.ready();

  const handleCommand = createCommandPipeline({ store, commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA), handlers: commandHandlers, conflictRetries: 3 });
  const identity = createIdentityDeps({ pool, db, store, handleCommand, ...identityOptionsFromConfig(config) });
  const app = createHttpApp({
    authenticate: createAuthenticate(identity), authorizer: createAuthorizer(createTenantAccessLoader(store), createCallerFactsLoader(store)), logger,
    bodyLimit: '100kb', checkReady: async () => undefined,
    routes: notificationRoutes({ store, unsubscribeKey: unsubscribeKeyFromConfig(config) }),
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });

  return {
    platform, config, smtp, pool, notifier, bus,
    notificationsUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async notificationEvents() {
      const { rows } = await pool.query<{ type: string; data: unknown; stream_name: string }>(
        `SELECT type, data, stream_name FROM "${config.EVENTSTORE_SCHEMA}".events WHERE stream_name LIKE 'notification-%' ORDER BY global_position`,
      );
      return rows.map((r) => ({ type: r.type, data: r.data, streamName: r.stream_name }) as unknown as RecordedEvent);
    },
    async teardown() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bus.stop();
      await notifier.stop();
      await platform.stop();
      await dropSchema(pool, config.BUS_SCHEMA);
      await dropSchema(pool, config.NOTIFY_SCHEMA);
      await db.destroy();
      await deleteTestVhost(vhost);
      await smtp.stop();
    },
  };
}
