import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type pg from 'pg';
import type { Logger } from 'pino';
import { brokerUserOf } from '../adapters/bus/brokerUserOf';
import type { BusNames } from '../ports/busNames';
import { busNamesFromConfig } from './busNamesFromConfig';
import type { ReliableConsumer } from '../adapters/bus/consumeReliably';
import { createAmqpConnection } from '../adapters/bus/createAmqpConnection';
import { createEventConsumer } from '../adapters/bus/createEventConsumer';
import type { EventConsumerDefinition } from '../ports/eventConsumer';
import { startEventRelay, type EventRelay } from '../adapters/bus/createEventRelay';
import { migrateBus } from '../adapters/bus/migrateBus';
import type { EventStore } from '../ports/eventStore';
import type { HandleCommand } from '../commands/handleCommand';
import type { AuthorizeCommand } from '../api/authorization/createCommandAuthorizer';
import type { Config } from '../config';
import { commandIngress } from '../api/amqp/commandIngress';
import { consumeCommandQueue } from '../adapters/bus/consumeCommandQueue';

export type BusConfig = Pick<
  Config,
  | 'AMQP_URL' | 'AMQP_VHOST' | 'AMQP_PREFETCH' | 'AMQP_HEARTBEAT_SECONDS' | 'AMQP_RECONNECT_SECONDS' | 'AMQP_DELIVERY_LIMIT'
  | 'AMQP_RETRY_DELAYS_MS' | 'BUS_EVENTS_EXCHANGE' | 'BUS_COMMAND_QUEUE' | 'BUS_NAME_PREFIX' | 'BUS_SCHEMA'
  | 'RELAY_CONFIRM_WINDOW' | 'RELAY_CONFIRM_TIMEOUT_MS' | 'COMMAND_INGRESS_CONCURRENCY' | 'AMQP_PUBLISHERS'
>;

export interface BusDeps {
  config: BusConfig;
  /** Platform database: relay lock and checkpoint, consumers' inbox. */
  pool: pg.Pool;
  store: EventStore;
  logger: Logger;
  /** Run the relay (worker role). Only one relay is active across processes; others stand by. */
  relay?: boolean;
  /** Run the AMQP command ingress with this pipeline (api role). */
  handleCommand?: HandleCommand;
  /** The policy check of AMQP commands (createCommandAuthorizer); each acts as its publisher's
   * principal (AMQP_PUBLISHERS, docs/decisions/027). */
  authorizeCommand?: AuthorizeCommand;
  /** Consumer groups to run (sagas, notifier, …). */
  consumers?: EventConsumerDefinition[];
}

export interface Bus {
  connection: AmqpConnectionManager;
  names: BusNames;
  relay: EventRelay | null;
  /** Resolves once every consumer group and the ingress consume (queues declared). */
  ready(): Promise<void>;
  /** Stops consuming, lets in-flight work finish and ack, saves the relay checkpoint, disconnects. */
  stop(): Promise<void>;
}

/** Everything of the bus a process runs (docs/architecture.md, Bus), on one self-healing connection. Returns once the
 * bus tables exist; consumers and ingress start consuming as soon as the broker answers. */
export async function startBus(deps: BusDeps): Promise<Bus> {
  const { config } = deps;
  await migrateBus(deps.pool, config.BUS_SCHEMA);
  const names = busNamesFromConfig(config);
  const connection = createAmqpConnection({
    url: config.AMQP_URL,
    vhost: config.AMQP_VHOST,
    heartbeatSeconds: config.AMQP_HEARTBEAT_SECONDS,
    reconnectSeconds: config.AMQP_RECONNECT_SECONDS,
    name: 'control-plane',
    logger: deps.logger,
  });
  const queueSettings = { deliveryLimit: config.AMQP_DELIVERY_LIMIT, retryDelaysMs: config.AMQP_RETRY_DELAYS_MS, confirmTimeoutMs: config.RELAY_CONFIRM_TIMEOUT_MS };

  const consumers: ReliableConsumer[] = (deps.consumers ?? []).map((definition) =>
    createEventConsumer({ connection, pool: deps.pool, schema: config.BUS_SCHEMA, names, prefetch: config.AMQP_PREFETCH, logger: deps.logger, ...queueSettings }, definition));
  if (deps.handleCommand) {
    consumers.push(consumeCommandQueue({
      connection, names, prefetch: config.AMQP_PREFETCH, concurrency: config.COMMAND_INGRESS_CONCURRENCY, logger: deps.logger, ...queueSettings,
      brokerUser: brokerUserOf(config.AMQP_URL),
    }, commandIngress({
      handleCommand: deps.handleCommand, publishers: config.AMQP_PUBLISHERS, logger: deps.logger,
      ...(deps.authorizeCommand ? { authorize: deps.authorizeCommand } : {}),
    })));
  }
  const relay = deps.relay
    ? startEventRelay({ store: deps.store, pool: deps.pool, schema: config.BUS_SCHEMA, connection, names, window: config.RELAY_CONFIRM_WINDOW, confirmTimeoutMs: config.RELAY_CONFIRM_TIMEOUT_MS, logger: deps.logger })
    : null;

  return {
    connection,
    names,
    relay,
    async ready() {
      await Promise.all(consumers.map((consumer) => consumer.ready()));
    },
    async stop() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await relay?.stop();
      await connection.close();
    },
  };
}
