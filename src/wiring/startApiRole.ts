import { createIdentityDeps } from './createIdentityDeps';
import { parseLogPosition } from '../ports/logPosition';
import { backupStorageFromConfig } from './backupStorageFromConfig';
import { createAuthenticate } from '../api/authorization/createAuthenticate';
import { syncRevokedApiKeys } from '../commands/identity/syncRevokedApiKeys';
import { createHttpApp } from '../api/http/createHttpApp';
import { ReadModelBehindError } from '../api/http/httpErrors';
import { backupRoutes } from '../api/http/routes/backupRoutes';
import { identityRoutes } from '../api/http/routes/identityRoutes';
import { instanceRoutes } from '../api/http/routes/instanceRoutes';
import { instanceAdminCredentials } from '../commands/instanceAdminCredentials';
import { createPostgresSecretStore } from '../adapters/secrets/createPostgresSecretStore';
import { createPostgresUsageStore, migrateUsageStore } from '../adapters/usage/createPostgresUsageStore';
import { notificationRoutes } from '../api/http/routes/notificationRoutes';
import { tenantRoutes } from '../api/http/routes/tenantRoutes';
import type { TenantPermission } from '../domain/authorization/tenantPermissions';
import type { Principal } from '../domain/authorization/principal';
import { unsubscribeKeyFromConfig } from './startNotifier';
import { backupsProjection } from '../projections/backups/backupsProjection';
import { createBackupQueries } from '../projections/backups/queryBackups';
import { registerBackupHealthGauges } from '../projections/backups/registerBackupHealthGauges';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { getInstance, listInstances } from '../projections/instances/queryInstances';
import { createPositionWaiter } from '../projections/runtime/createPositionWaiter';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { querySagas } from '../projections/sagas/querySagas';
import { createMemberQueries } from '../projections/tenantMembers/createMemberQueries';
import { tenantMembersProjection } from '../projections/tenantMembers/tenantMembersProjection';
import { countActiveTenantsCreatedBy } from '../projections/tenants/countActiveTenantsCreatedBy';
import { getTenant } from '../projections/tenants/getTenant';
import { listTenants } from '../projections/tenants/listTenants';
import { tenantsProjection } from '../projections/tenants/tenantsProjection';
import { registerStoreGauges } from '../observability/registerStoreGauges';
import { readerHeldBackSince } from '../adapters/eventstore/postgres/readerHeldBackSince';
import { wireBackupPolicyRoutes } from './wireBackupPolicyRoutes';
import type { InstanceInfrastructure } from './createInstanceInfrastructure';
import { wireBackupTargetRoutes } from './wireBackupTargetRoutes';
import type { PlatformCore } from './createPlatformCore';
import { paymentGatewayFromConfig } from './paymentGatewayFromConfig';
import { wireBillingPaymentRoutes } from './wireBillingPaymentRoutes';
import { listen } from './listen';
import { auditRoutes } from '../api/http/routes/auditRoutes';
import { wireAdminRoutes } from './wireAdminRoutes';
import { registerSagaGauges } from '../observability/registerSagaGauges';

export interface ApiRole {
  url: string;
  stop(): Promise<void>;
}

/** The HTTP API: every route of the route table, with read-your-writes waits on its projections. */
export async function startApiRole(core: PlatformCore, instances: InstanceInfrastructure | null): Promise<ApiRole> {
  const { config, logger, pool, db, store, handleCommand, authorizer, loadTenantAccess } = core;
  const schema = config.READMODEL_SCHEMA;
  const waiter = createPositionWaiter({ db, schema });
  const waitFor = (projection: string) => async (minPosition: string) => {
    const position = parseLogPosition(minPosition);
    if (!position || !(await waiter.waitForPosition(projection, position, config.READ_YOUR_WRITES_TIMEOUT_MS))) {
      throw new ReadModelBehindError(minPosition);
    }
  };
  registerStoreGauges({
    store, db, readModelSchema: schema,
    ...(config.EVENTSTORE_ADAPTER === 'postgres' ? { readerHeldBackSeconds: async () => (await readerHeldBackSince(pool))?.ageSeconds ?? 0 } : {}),
  });
  const identity = createIdentityDeps({ pool, db, store, handleCommand, ...core.identityOptions });
  const members = createMemberQueries(db, schema);
  const tenantTables = servingTableNames(tenantsProjection, schema);
  const instanceTables = servingTableNames(instancesProjection, schema);
  const lookups = core.tenantLookups;
  const authorizeTenant = (principal: Principal, tenantId: string, permission: TenantPermission) =>
    authorizer.authorize(principal, { kind: 'tenant', tenantId, permission });
  // Downloads read the backup storage: the instances' one when this process has it, else one of its
  // own, closed with the role (an S3 client holds sockets open).
  const ownStorage = instances ? null : backupStorageFromConfig(config);
  const storage = instances?.backupStorage ?? ownStorage!;
  const backupQueries = createBackupQueries(db, servingTableNames(backupsProjection, schema));
  registerBackupHealthGauges(db, servingTableNames(backupsProjection, schema));
  registerSagaGauges(db, schema);

  await migrateUsageStore(pool, config.SAGA_SCHEMA);
  const usageStore = createPostgresUsageStore(pool, config.SAGA_SCHEMA);
  const app = createHttpApp({
    authenticate: createAuthenticate(identity),
    authorizer,
    logger,
    bodyLimit: config.HTTP_BODY_LIMIT,
    trustProxyHops: config.HTTP_TRUST_PROXY_HOPS,
    checkReady: async () => {
      await pool.query('SELECT 1');
    },
    routes: [
      ...tenantRoutes({
        handleCommand,
        tenants: { getTenant: (id) => getTenant(db, tenantTables, id), listTenants: (options) => listTenants(db, tenantTables, options) },
        memberships: members,
        quota: { tenantsCreatedBy: (userId) => countActiveTenantsCreatedBy(db, tenantTables, userId), tenantsPerUserMax: config.TENANTS_PER_USER_MAX },
        syncRevokedApiKeys: (tenantId) => syncRevokedApiKeys(identity, tenantId),
        waitForTenantsProjection: waitFor(tenantsProjection.name),
        waitForMembersProjection: waitFor(tenantMembersProjection.name),
      }),
      ...identityRoutes({ identity, members, loadTenantAccess, waitForMembersProjection: waitFor(tenantMembersProjection.name) }),
      ...instanceRoutes({
        handleCommand,
        instances: { get: (id) => getInstance(db, instanceTables, id), list: (tenantId) => listInstances(db, instanceTables, tenantId) },
        tenantOfInstance: lookups.tenantOfInstance,
        authorizeTenant,
        waitForInstancesProjection: waitFor(instancesProjection.name),
        status: {
          // Without the Docker engine (SAGAS_ENABLED=false) the status shows no observed container.
          observe: async (id) => {
            if (!instances) return null;
            const observed = await instances.docker.inspect(id);
            return observed.exists ? observed : null;
          },
          runningSagas: (id) => querySagas(db, schema, { subjectId: id, activeOnly: true }),
          resources: async (id) => (instances ? instances.docker.stats(id) : null),
          usage: async (id) => {
            const latest = await usageStore.latest(id);
            return latest && { databaseBytes: latest.databaseBytes, volumeBytes: latest.volumeBytes, quotaBytes: latest.quotaBytes, measuredAt: latest.measuredAt };
          },
        },
        backupHealth: (id) => backupQueries.backupHealth(id),
        instanceQuota: core.instanceQuota,
        adminCredentials: instances
          ? instanceAdminCredentials({ secrets: createPostgresSecretStore(pool, config.SAGA_SCHEMA, core.identityOptions.secretsKey), odoo: instances.odoo })
          : null,
      }),
      ...backupRoutes({
        handleCommand,
        backups: createBackupQueries(db, servingTableNames(backupsProjection, schema)),
        storage,
        ...lookups,
        authorizeTenant,
        waitForBackupsProjection: waitFor(backupsProjection.name),
      }),
      ...(await wireBackupTargetRoutes(core)),
      ...wireBackupPolicyRoutes(core, waitFor),
      ...notificationRoutes({ store, unsubscribeKey: unsubscribeKeyFromConfig(config) }),
      // Without a Paynow integration (billing off) they answer 503 billing-disabled.
      ...(await wireBillingPaymentRoutes(core, paymentGatewayFromConfig(config))),
      ...auditRoutes({ store }),
      ...(await wireAdminRoutes(core)),
    ],
  });
  const { server, url } = await listen(app, config.HTTP_PORT, config.HTTP_HOST);
  logger.info({ url }, 'HTTP API listening');
  return {
    url,
    async stop() {
      waiter.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ownStorage?.close();
    },
  };
}
