import type pg from 'pg';
import type { Logger } from 'pino';
import { createPostgresCommandLog, migrateCommandLog } from '../adapters/commandLog/createPostgresCommandLog';
import type { EventStore } from '../ports/eventStore';
import { eventStoreFromConfig } from './eventStoreFromConfig';
import { migrateEventStore } from '../adapters/eventstore/postgres/migrateEventStore';
import { identityOptionsFromConfig } from './createIdentityDeps';
import { migrateIdentity } from '../adapters/identity/migrateIdentity';
import { createKysely } from '../adapters/postgres/createKysely';
import { createPool } from '../adapters/postgres/createPool';
import { aggregateTenantLookups } from '../api/authorization/aggregateTenantLookups';
import { createAuthorizer } from '../api/authorization/createAuthorizer';
import { createCallerFactsLoader } from '../api/authorization/loadCallerFacts';
import { createTenantAccessLoader } from '../api/authorization/loadTenantAccess';
import type { InstanceQuota } from '../api/authorization/instanceQuota';
import { commandHandlers } from '../commands/commandHandlers';
import { createCommandPipeline, type HandleCommand } from '../commands/handleCommand';
import type { Config } from '../config';
import { allProjections } from '../projections/allProjections';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { listInstances } from '../projections/instances/queryInstances';
import { ensureProjection } from '../projections/runtime/ensureProjection';
import type { ProjectionDb } from '../projections/runtime/projection';
import { servingTableNames } from '../projections/runtime/servingTableNames';

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
  /** Tenant of an instance or backup from its own stream, for HTTP routes and AMQP commands. */
  tenantLookups: ReturnType<typeof aggregateTenantLookups>;
  /** INSTANCES_PER_TENANT_MAX over the instances read model, for HTTP and AMQP provisioning alike. */
  instanceQuota: InstanceQuota;
  close(): Promise<void>;
}

export async function createPlatformCore(config: Config, logger: Logger): Promise<PlatformCore> {
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const db: ProjectionDb = createKysely(pool);
  await migrateEventStore(pool, config.EVENTSTORE_SCHEMA);
  await migrateCommandLog(pool, config.EVENTSTORE_SCHEMA);
  await migrateIdentity(pool, config.IDENTITY_SCHEMA);
  for (const projection of allProjections) await ensureProjection(db, projection, config.READMODEL_SCHEMA);

  const store = eventStoreFromConfig(config, pool);
  const handleCommand = createCommandPipeline({
    store,
    commandLog: createPostgresCommandLog(pool, config.EVENTSTORE_SCHEMA, { findThroughEvents: config.EVENTSTORE_ADAPTER === 'postgres' }),
    handlers: commandHandlers,
    conflictRetries: config.COMMAND_CONFLICT_RETRIES,
    clientKeyTtlMs: config.IDEMPOTENCY_KEY_TTL_HOURS * 3600_000,
  });
  const loadTenantAccess = createTenantAccessLoader(store);
  return {
    config, logger, pool, db, store, handleCommand, loadTenantAccess,
    authorizer: createAuthorizer(loadTenantAccess, createCallerFactsLoader(store)),
    identityOptions: identityOptionsFromConfig(config),
    tenantLookups: aggregateTenantLookups(store),
    instanceQuota: {
      instancesPerTenantMax: config.INSTANCES_PER_TENANT_MAX,
      countHeld: async (tenantId) => (await listInstances(db, servingTableNames(instancesProjection, config.READMODEL_SCHEMA), tenantId))
        .filter((instance) => instance.status !== 'failed').length,
    },
    async close() {
      await store.close();
      await db.destroy();
    },
  };
}
