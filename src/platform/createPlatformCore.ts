import type pg from 'pg';
import type { Logger } from 'pino';
import { createPostgresCommandLog, migrateCommandLog } from '../adapters/commandLog/createPostgresCommandLog';
import type { EventStore } from '../adapters/eventstore/eventStore';
import { createEventStoreDbEventStore } from '../adapters/eventstore/eventstoredb/createEventStoreDbEventStore';
import { createPostgresEventStore } from '../adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from '../adapters/eventstore/postgres/migrateEventStore';
import { identityOptionsFromConfig } from '../adapters/identity/createIdentityDeps';
import { migrateIdentity } from '../adapters/identity/migrateIdentity';
import { createKysely } from '../adapters/postgres/createKysely';
import { createPool } from '../adapters/postgres/createPool';
import { createAuthorizer } from '../api/authorization/createAuthorizer';
import { createTenantAccessLoader } from '../api/authorization/loadTenantAccess';
import { commandHandlers } from '../commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../commands/handleCommand';
import type { Config } from '../config';
import { allProjections } from '../projections/allProjections';
import { ensureProjection } from '../projections/runtime/ensureProjection';
import type { ProjectionDb } from '../projections/runtime/projection';

/** What every role shares: the platform database, the event store, the command pipeline, the policy. */
export interface PlatformCore {
  config: Config;
  logger: Logger;
  pool: pg.Pool;
  db: ProjectionDb;
  store: EventStore;
  handleCommand: HandleCommand;
  loadTenantAccess: ReturnType<typeof createTenantAccessLoader>;
  authorizer: ReturnType<typeof createAuthorizer>;
  identityOptions: ReturnType<typeof identityOptionsFromConfig>;
  close(): Promise<void>;
}

export async function createPlatformCore(config: Config, logger: Logger): Promise<PlatformCore> {
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const db: ProjectionDb = createKysely(pool);
  await migrateEventStore(pool, config.EVENTSTORE_SCHEMA);
  await migrateCommandLog(pool, config.EVENTSTORE_SCHEMA);
  await migrateIdentity(pool, config.IDENTITY_SCHEMA);
  for (const projection of allProjections) await ensureProjection(db, projection, config.READMODEL_SCHEMA);

  const store = config.EVENTSTORE_ADAPTER === 'eventstoredb'
    ? createEventStoreDbEventStore({ connectionString: requireEventStoreUrl(config) })
    : createPostgresEventStore({ pool, schema: config.EVENTSTORE_SCHEMA });
  const handleCommand = createCommandPipeline({
    store,
    commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA),
    handlers: commandHandlers,
    conflictRetries: config.COMMAND_CONFLICT_RETRIES,
  });
  const loadTenantAccess = createTenantAccessLoader(store);
  return {
    config, logger, pool, db, store, handleCommand, loadTenantAccess,
    authorizer: createAuthorizer(loadTenantAccess),
    identityOptions: identityOptionsFromConfig(config),
    async close() {
      await store.close();
      await db.destroy();
    },
  };
}

function requireEventStoreUrl(config: Config): string {
  if (!config.EVENTSTORE_URL) throw new Error('EVENTSTORE_ADAPTER=eventstoredb needs EVENTSTORE_URL');
  return config.EVENTSTORE_URL;
}
