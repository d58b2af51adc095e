import type { EventConsumerDefinition } from '../ports/eventConsumer';
import { createPool } from '../adapters/postgres/createPool';
import { startNotifier } from './startNotifier';
import { allProjections } from '../projections/allProjections';
import { startProjectionRunner } from '../projections/runtime/startProjectionRunner';
import type { SagaRuntimeSettings } from '../sagas/runtime/runSaga';
import { instancesProjection } from '../projections/instances/instancesProjection';
import { servingTableNames } from '../projections/runtime/servingTableNames';
import { runningInstances } from '../projections/instances/runningInstances';
import { startBackupSagaWorker } from './startBackupSagaWorker';
import { createPostgresUsageStore, migrateUsageStore } from '../adapters/usage/createPostgresUsageStore';
import { meteredInstances } from '../projections/instances/meteredInstances';
import { startUsageMeter } from '../processes/startUsageMeter';
import { startHealthWatcher } from '../processes/startHealthWatcher';
import { startInstanceSagaWorker } from './startInstanceSagaWorker';
import { startTenantSagaWorker } from './startTenantSagaWorker';
import type { InstanceInfrastructure } from './createInstanceInfrastructure';
import { wireBackupScheduler } from './wireBackupScheduler';
import type { PlatformCore } from './createPlatformCore';
import { paymentGatewayFromConfig } from './paymentGatewayFromConfig';
import { startBillingSagaWorker } from './startBillingSagaWorker';
import { startBillingProcesses } from './startBillingProcesses';

export interface WorkerRole {
  /** Consumer groups the bus must run for this worker. */
  consumers: EventConsumerDefinition[];
  stop(): Promise<void>;
}

/** The worker: projections, the instance, backup and tenant sagas, the health watcher, the notifier's consumer group. */
export async function startWorkerRole(core: PlatformCore, infrastructure: InstanceInfrastructure | null): Promise<WorkerRole> {
  const { config, logger, pool, db, store, handleCommand } = core;
  const runners = allProjections.map((projection) =>
    startProjectionRunner({ db, pool, store, projection, schema: config.READMODEL_SCHEMA, logger: logger.child({ component: 'projection' }) }));
  const sagasRunner = runners.find((runner) => runner.name === 'sagas');
  const sagaLogger = logger.child({ component: 'sagas' });
  const runtime: SagaRuntimeSettings = {
    maxAttempts: config.SAGA_STEP_MAX_ATTEMPTS,
    retryBaseMs: config.SAGA_RETRY_BASE_MS,
    pauseMs: config.BREAKER_RESET_TIMEOUT_MS,
    // Failure injection is a test switch; production refuses it.
    ...(config.NODE_ENV !== 'production' && config.FAULT_INJECT_STEP ? { faultInjectStep: config.FAULT_INJECT_STEP } : {}),
    logger: sagaLogger,
  };
  // One connection per saga that may run at once in this process (instance, backup, tenant, billing kinds).
  const sagaLockPool = createPool(config.DATABASE_URL, config.SAGA_CONCURRENCY * 4 + 1);
  const common = {
    pool, lockPool: sagaLockPool, db, store, readModelSchema: config.READMODEL_SCHEMA, sagaSchema: config.SAGA_SCHEMA,
    secretsKey: core.identityOptions.secretsKey, runtime, concurrency: config.SAGA_CONCURRENCY,
    pollIntervalMs: config.SAGA_POLL_INTERVAL_MS, ...(sagasRunner ? { sagasRunner } : {}), logger: sagaLogger,
    // With the broker, triggers arrive on each saga kind's consumer group and the reconciler only
    // catches lost ones; without it, the reconciler is the trigger path (docs/decisions/033).
    ...(config.BUS_ENABLED ? { reconcile: { intervalMs: config.SAGA_RECONCILE_INTERVAL_MS, afterMs: config.SAGA_RECONCILE_AFTER_MS } } : {}),
  };
  // Tenant sagas only send commands: they run with or without the instance infrastructure.
  const tenantWorker = await startTenantSagaWorker({ ...common, handleCommand });
  // The payment saga runs when billing is configured (PAYNOW_*), with or without the engine.
  const gateway = paymentGatewayFromConfig(config);
  const billingWorker = gateway ? await startBillingSagaWorker({
    ...common, handleCommand, gateway,
    payments: { pollFirstMs: config.PAYMENT_POLL_FIRST_MS, pollMaxMs: config.PAYMENT_POLL_MAX_MS, timeoutMs: config.PAYMENT_TIMEOUT_MS },
    router: infrastructure?.router ?? null, baseDomain: config.BASE_DOMAIN,
    subscriptions: { currency: config.PAYNOW_CURRENCY, trialDays: config.PLAN_PRICES.trialDays },
    billing: { prices: config.PLAN_PRICES, taxBasisPoints: config.BILLING_TAX_BASIS_POINTS, paymentTermDays: config.BILLING_PAYMENT_TERM_DAYS },
  }) : null;
  const billingProcesses = gateway ? startBillingProcesses(core, config, gateway) : null;
  const sagaWorkers = [...(infrastructure ? await startSagaWorkers(infrastructure) : []), tenantWorker, ...(billingWorker ? [billingWorker] : [])];
  const sagaConsumers = sagaWorkers.flatMap((worker) => ('consumer' in worker ? [worker.consumer] : []));
  const notifier = config.BUS_ENABLED
    ? await startNotifier({ config, pool, db, store, logger: logger.child({ component: 'notifier' }) })
    : null;

  return {
    consumers: config.BUS_ENABLED ? [...(notifier ? [notifier.consumer] : []), ...sagaConsumers] : [],
    async stop() {
      await billingProcesses?.stop();
      await notifier?.stop();
      for (const worker of sagaWorkers) await worker.stop();
      await sagaLockPool.end();
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };

  async function startSagaWorkers(instances: InstanceInfrastructure) {
    const instanceWorker = await startInstanceSagaWorker({
      ...common,
      deps: {
        docker: instances.docker, postgresAdmin: instances.postgresAdmin, router: instances.router, handleCommand,
        plans: config.INSTANCE_PLANS, baseDomain: config.BASE_DOMAIN, urlScheme: config.INSTANCE_URL_SCHEME,
        healthTimeoutMs: config.INSTANCE_HEALTH_TIMEOUT_MS, finalBackupTimeoutMs: config.BACKUP_ARCHIVE_TIMEOUT_MS * 2,
        odooImages: config.ODOO_IMAGES, odooInitTimeoutMs: config.ODOO_INIT_TIMEOUT_MS, odoo: instances.odoo,
      },
    });
    const backupWorker = await startBackupSagaWorker({
      ...common,
      allowPrivateTargetEndpoints: config.BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS,
      deps: {
        handleCommand, docker: instances.docker, volumes: instances.backupVolumes,
        postgresAdmin: instances.postgresAdmin, databases: instances.restoreDatabases,
        storage: instances.backupStorage, plans: config.INSTANCE_PLANS, odooImages: config.ODOO_IMAGES, healthTimeoutMs: config.INSTANCE_HEALTH_TIMEOUT_MS,
        archiveTimeoutMs: config.BACKUP_ARCHIVE_TIMEOUT_MS, ...(config.PG_BIN_DIR ? { pgBinDir: config.PG_BIN_DIR } : {}),
      },
    });
    const healthWatcher = await startHealthWatcher({
      docker: instances.docker, handleCommand,
      listInstances: runningInstances(db, servingTableNames(instancesProjection, config.READMODEL_SCHEMA)),
      intervalMs: config.INSTANCE_HEALTH_INTERVAL_MS, logger: logger.child({ component: 'health-watcher' }),
    });
    await migrateUsageStore(pool, config.SAGA_SCHEMA);
    const usageMeter = await startUsageMeter({
      docker: instances.docker, postgresAdmin: instances.postgresAdmin, handleCommand,
      usage: createPostgresUsageStore(pool, config.SAGA_SCHEMA),
      listInstances: meteredInstances(db, servingTableNames(instancesProjection, config.READMODEL_SCHEMA)),
      plans: config.INSTANCE_PLANS, intervalMs: config.USAGE_METER_INTERVAL_MS, logger: logger.child({ component: 'usage-meter' }),
    });
    // Daily slots, GFS retention and the restore drill (docs/decisions/020); stopped first.
    const backupScheduler = config.BACKUP_SCHEDULER_ENABLED ? await wireBackupScheduler(core, instances) : null;
    return [...(backupScheduler ? [backupScheduler] : []), usageMeter, healthWatcher, backupWorker, instanceWorker];
  }
}
