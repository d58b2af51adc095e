import { userInfo } from 'node:os';
import { migrateBus } from '../adapters/bus/migrateBus';
import { readRelayStatus } from '../adapters/bus/readRelayStatus';
import { createPostgresSagaSchedule, migrateSagaSchedule } from '../adapters/sagas/createPostgresSagaSchedule';
import { createPostgresCommandLog, migrateCommandLog } from '../adapters/commandLog/createPostgresCommandLog';
import { migrateEventStore } from '../adapters/eventstore/postgres/migrateEventStore';
import { createPostgresAccountStore } from '../adapters/identity/createPostgresAccountStore';
import { migrateIdentity } from '../adapters/identity/migrateIdentity';
import { createKysely } from '../adapters/postgres/createKysely';
import { createPool } from '../adapters/postgres/createPool';
import type { CliContext } from '../api/cli/cliContext';
import type { RelayStatusDeps } from '../api/cli/relayStatus';
import type { SagaCommandContext } from '../api/cli/sagasCommands';
import type { OperatorGrantDeps } from '../api/cli/usersGrantOperator';
import { commandHandlers } from '../commands/commandHandlers';
import { createCommandPipeline } from '../commands/handleCommand';
import type { Config } from '../config';
import type { ProjectionDb } from '../projections/runtime/projection';
import { eventStoreFromConfig } from './eventStoreFromConfig';

/** What every operator verb needs: the platform database and the event store of the config. */
export async function createCliContext(config: Config): Promise<CliContext> {
  const pool = createPool(config.DATABASE_URL, 4);
  await migrateEventStore(pool, config.EVENTSTORE_SCHEMA);
  await migrateBus(pool, config.BUS_SCHEMA);
  const db = createKysely(pool) as ProjectionDb;
  const store = eventStoreFromConfig(config, pool);
  return {
    config,
    pool,
    db,
    store,
    async close() {
      await store.close();
      await db.destroy();
    },
  };
}

/** The command pipeline of a CLI process, acting as the operating-system user. */
export async function createCliCommandPipeline(context: CliContext) {
  const { config, pool, store } = context;
  await migrateCommandLog(pool, config.EVENTSTORE_SCHEMA);
  return {
    actor: `system:cli:${userInfo().username}`.replace(/[^A-Za-z0-9:._-]/g, '_'),
    handleCommand: createCommandPipeline({
      store, commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA, { findThroughEvents: config.EVENTSTORE_ADAPTER === 'postgres' }), handlers: commandHandlers, conflictRetries: config.COMMAND_CONFLICT_RETRIES,
    }),
  };
}

/** What `users grant-operator` needs: the accounts table and the command pipeline. */
export async function operatorGrantDeps(context: CliContext): Promise<OperatorGrantDeps> {
  const { config, pool } = context;
  await migrateIdentity(pool, config.IDENTITY_SCHEMA);
  return { accounts: createPostgresAccountStore(pool, config.IDENTITY_SCHEMA), ...(await createCliCommandPipeline(context)) };
}

/** What `relay status` needs: the relay's checkpoint and lock in the bus schema, the backlog in the store. */
export function relayStatusReader(context: CliContext): RelayStatusDeps {
  return { readRelayStatus: (relay) => readRelayStatus(context.pool, context.store, { busSchema: context.config.BUS_SCHEMA, ...(relay !== undefined ? { relay } : {}) }) };
}

/** What `sagas retry|cancel` need beyond the context: the saga schedule the workers run from. */
export async function sagaCommandContext(context: CliContext): Promise<SagaCommandContext> {
  await migrateSagaSchedule(context.pool, context.config.SAGA_SCHEMA);
  return { ...context, schedule: createPostgresSagaSchedule(context.pool, context.config.SAGA_SCHEMA) };
}
