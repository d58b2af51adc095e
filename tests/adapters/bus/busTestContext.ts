import amqplib from 'amqplib';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type pg from 'pg';
import { amqpUrlWithVhost, createAmqpConnection } from '../../../src/adapters/bus/createAmqpConnection';
import { createBusNames, type BusNames } from '../../../src/ports/busNames';
import { migrateBus } from '../../../src/adapters/bus/migrateBus';
import { createLogger } from '../../../src/observability/logger';
import { createTestPool, dropSchema, uniqueSchemaName } from '../../support/postgres';
import { createTestVhost, deleteTestVhost, testAmqpUrl } from '../../support/rabbitmq';

export interface BusTestContext {
  vhost: string;
  schema: string;
  pool: pg.Pool;
  names: BusNames;
  logger: ReturnType<typeof createLogger>;
  /** A self-healing connection, closed at teardown. */
  connect(name: string): AmqpConnectionManager;
  /** A plain amqplib connection for the test's own probing (not reconnecting). */
  rawConnection(): Promise<amqplib.ChannelModel>;
  teardown(): Promise<void>;
}

/** One vhost and one schema per suite; BUS_TEST_LOG=debug shows the runtime's logs. */
export async function createBusTestContext(prefix: string): Promise<BusTestContext> {
  const vhost = await createTestVhost(prefix);
  const pool = createTestPool(20);
  const schema = uniqueSchemaName(prefix);
  await migrateBus(pool, schema);
  const logger = createLogger(process.env.BUS_TEST_LOG ?? 'silent');
  const managers: AmqpConnectionManager[] = [];
  const raws: amqplib.ChannelModel[] = [];
  return {
    vhost,
    schema,
    pool,
    names: createBusNames(),
    logger,
    connect(name) {
      const manager = createAmqpConnection({ url: testAmqpUrl, vhost, name, reconnectSeconds: 0.2, heartbeatSeconds: 5, logger });
      managers.push(manager);
      return manager;
    },
    async rawConnection() {
      const connection = await amqplib.connect(amqpUrlWithVhost(testAmqpUrl, vhost));
      connection.on('error', () => undefined);
      raws.push(connection);
      return connection;
    },
    async teardown() {
      await Promise.all(managers.map((m) => m.close().catch(() => undefined)));
      await Promise.all(raws.map((c) => c.close().catch(() => undefined)));
      await deleteTestVhost(vhost);
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
}

export async function waitFor(condition: () => Promise<boolean> | boolean, { timeoutMs = 20_000, intervalMs = 50, what = 'condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
