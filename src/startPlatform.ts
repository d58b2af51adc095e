import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createPostgresCommandLog, migrateCommandLog } from './adapters/commandLog/createPostgresCommandLog';
import type { EventStore } from './adapters/eventstore/eventStore';
import { createEventStoreDbEventStore } from './adapters/eventstore/eventstoredb/createEventStoreDbEventStore';
import { parseLogPosition } from './adapters/eventstore/logPosition';
import { createPostgresEventStore } from './adapters/eventstore/postgres/createPostgresEventStore';
import { migrateEventStore } from './adapters/eventstore/postgres/migrateEventStore';
import { createKysely } from './adapters/postgres/createKysely';
import { createPool } from './adapters/postgres/createPool';
import { createHttpApp } from './api/http/createHttpApp';
import { ReadModelBehindError } from './api/http/httpErrors';
import { tenantRoutes } from './api/http/routes/tenantRoutes';
import { commandHandlers } from './commands/commandHandlers';
import { createCommandPipeline } from './commands/handleCommand';
import type { Config } from './config';
import { metricsRegistry } from './metrics';
import { createPositionWaiter } from './projections/runtime/createPositionWaiter';
import type { ProjectionDb } from './projections/runtime/projection';
import { startProjectionRunner, type ProjectionRunner } from './projections/runtime/startProjectionRunner';
import { getTenant } from './projections/tenants/getTenant';
import { listTenants } from './projections/tenants/listTenants';
import { tenantsProjection } from './projections/tenants/tenantsProjection';
import { servingTableNames } from './projections/runtime/servingTableNames';
import { ensureProjection } from './projections/runtime/ensureProjection';
import { allProjections } from './projections/allProjections';
import { registerStoreGauges } from './registerStoreGauges';
import { startBus } from './api/amqp/startBus';
import { createCommandAuthorizer } from './api/authorization/createCommandAuthorizer';
import { createIdentityDeps, identityOptionsFromConfig } from './adapters/identity/createIdentityDeps';
import { migrateIdentity } from './adapters/identity/migrateIdentity';
import { createAuthenticate } from './api/authorization/createAuthenticate';
import { createAuthorizer } from './api/authorization/createAuthorizer';
import { createTenantAccessLoader } from './api/authorization/loadTenantAccess';
import { identityRoutes } from './api/http/routes/identityRoutes';
import { createMemberQueries } from './projections/tenantMembers/createMemberQueries';
import { tenantMembersProjection } from './projections/tenantMembers/tenantMembersProjection';

export type Role = 'api' | 'worker' | 'all';

export interface Platform {
  /** Base URL of the HTTP API when the api role runs. */
  url: string | null;
  store: EventStore;
  stop(): Promise<void>;
}

/** Wires adapters to use cases for the given role (ARCHITECTURE.md §1 main.ts). */
export async function startPlatform(config: Config, role: Role, logger: Logger): Promise<Platform> {
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  const db: ProjectionDb = createKysely(pool);
  const stops: Array<() => Promise<void>> = [];

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
  if (config.BUS_ENABLED) {
    const bus = await startBus({
      config,
      pool,
      store,
      logger: logger.child({ component: 'bus' }),
      relay: role !== 'api',
      ...(role !== 'worker' ? { handleCommand, authorizeCommand: createCommandAuthorizer(commandHandlers, createAuthorizer(loadTenantAccess)) } : {}),
    });
    stops.push(() => bus.stop());
  }

  if (role === 'worker' || role === 'all') {
    const runners: ProjectionRunner[] = allProjections.map((projection) =>
      startProjectionRunner({ db, pool, store, projection, schema: config.READMODEL_SCHEMA, logger: logger.child({ component: 'projection' }) }));
    stops.push(async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
    });
  }

  let url: string | null = null;
  if (role === 'api' || role === 'all') {
    const waiter = createPositionWaiter({ db, schema: config.READMODEL_SCHEMA });
    const waitFor = (projection: string) => async (minPosition: string) => {
      const position = parseLogPosition(minPosition);
      if (!position || !(await waiter.waitForPosition(projection, position, config.READ_YOUR_WRITES_TIMEOUT_MS))) {
        throw new ReadModelBehindError(minPosition);
      }
    };
    registerStoreGauges(pool, db, { eventStore: config.EVENTSTORE_SCHEMA, readModels: config.READMODEL_SCHEMA });
    const tenantTables = servingTableNames(tenantsProjection, config.READMODEL_SCHEMA);
    const identity = createIdentityDeps({ pool, db, store, handleCommand, ...identityOptionsFromConfig(config) });
    const members = createMemberQueries(db, config.READMODEL_SCHEMA);
    const app = createHttpApp({
      authenticate: createAuthenticate(identity),
      authorizer: createAuthorizer(loadTenantAccess),
      logger,
      metrics: metricsRegistry,
      bodyLimit: config.HTTP_BODY_LIMIT,
      trustProxyHops: config.HTTP_TRUST_PROXY_HOPS,
      checkReady: async () => {
        await pool.query('SELECT 1');
      },
      routes: [
        ...tenantRoutes({
          handleCommand,
          tenants: {
            getTenant: (id) => getTenant(db, tenantTables, id),
            listTenants: (options) => listTenants(db, tenantTables, options),
          },
          memberships: members,
          waitForTenantsProjection: waitFor(tenantsProjection.name),
        }),
        ...identityRoutes({ identity, members, loadTenantAccess, waitForMembersProjection: waitFor(tenantMembersProjection.name) }),
      ],
    });
    const server = await listen(app.listen.bind(app), config.HTTP_PORT, config.HTTP_HOST);
    const address = server.address() as AddressInfo;
    url = `http://${address.address}:${address.port}`;
    logger.info({ url, role }, 'HTTP API listening');
    stops.push(async () => {
      waiter.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  }

  return {
    url,
    store,
    async stop() {
      for (const stop of stops.reverse()) await stop();
      await store.close();
      await db.destroy();
    },
  };
}

function requireEventStoreUrl(config: Config): string {
  if (!config.EVENTSTORE_URL) throw new Error('EVENTSTORE_ADAPTER=eventstoredb needs EVENTSTORE_URL');
  return config.EVENTSTORE_URL;
}

function listen(listenFn: (port: number, host: string, callback: () => void) => Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = listenFn(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
