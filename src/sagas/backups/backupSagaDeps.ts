import type { DockerEngine } from '../../ports/dockerEngine';
import type { BackupVolumes } from '../../ports/backupVolumes';
import type { EventStore } from '../../ports/eventStore';
import type { RestoreDatabaseAdmin } from '../../ports/restoreDatabaseAdmin';
import type { PostgresAdmin } from '../../ports/postgresAdmin';
import type { OdooImageCatalogue } from '../../domain/instance/odooVersions';
import type { SecretStore } from '../../ports/secretStore';
import type { BackupStorage } from '../../ports/backupStorage';
import type { HandleCommand } from '../../commands/handleCommand';
import type { InstancePlanCatalogue } from '../../domain/instance/instancePlanCatalogue';
import type { BackupTargetCredentials, TenantTargetAccess } from '../../ports/tenantBackupTarget';
/** Everything the backup, restore and drill sagas touch; adapters already behind their breakers. */
export interface BackupSagaDeps {
  store: EventStore;
  handleCommand: HandleCommand;
  docker: DockerEngine;
  volumes: BackupVolumes;
  postgresAdmin: PostgresAdmin;
  databases: RestoreDatabaseAdmin;
  secrets: SecretStore;
  storage: BackupStorage;
  plans: InstancePlanCatalogue;
  /** The image of each Odoo version: a restore recreates the container as provisioning made it. */
  odooImages: OdooImageCatalogue;
  healthTimeoutMs: number;
  /** Upper bound of one archive transfer (dump, tar, restore). */
  archiveTimeoutMs: number;
  pgBinDir?: string;
  /** Extra container env when a restore recreates the container (tests: stand-in switches). */
  containerEnv?: Record<string, string>;
  /** Copies to tenants' own buckets (absent: no off-site copies). */
  offsite?: OffsiteCopyDeps;
}

/** How the backup saga reaches a tenant's own bucket (wired by startBackupSagaWorker). */
export interface OffsiteCopyDeps {
  credentials: Pick<BackupTargetCredentials, 'read'>;
  /** Checks, opens and describes the tenant's bucket; every connection goes to public addresses
   * only unless private endpoints are allowed (BACKUP_TARGET_ALLOW_PRIVATE_ENDPOINTS). */
  targets: TenantTargetAccess;
}
