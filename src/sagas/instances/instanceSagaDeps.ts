import type { DockerEngine } from '../../ports/dockerEngine';
import type { EventStore } from '../../ports/eventStore';
import type { PostgresAdmin } from '../../ports/postgresAdmin';
import type { SecretStore } from '../../ports/secretStore';
import type { HandleCommand } from '../../commands/handleCommand';
import type { OdooRpc } from '../../ports/odooRpc';
import type { InstancePlanCatalogue } from '../../domain/instance/instancePlanCatalogue';
import type { OdooImageCatalogue } from '../../domain/instance/odooVersions';
import type { InstanceRouter } from '../../ports/instanceRouter';
import type { SubdomainClaims } from '../../ports/subdomainClaims';
export interface InstanceSagaDeps {
  docker: DockerEngine;
  postgresAdmin: PostgresAdmin;
  secrets: SecretStore;
  claims: SubdomainClaims;
  /** Null when routing is label-driven only (Traefik). */
  router: InstanceRouter | null;
  handleCommand: HandleCommand;
  /** Streams the delete saga reads: the instance (its tenant) and its final backup. */
  store: EventStore;
  plans: InstancePlanCatalogue;
  baseDomain: string;
  urlScheme: 'http' | 'https';
  healthTimeoutMs: number;
  /** How long one wait for the final backup of a deletion may take (BACKUP_ARCHIVE_TIMEOUT_MS × 2: a
   * dump and a volume archive); a wait that times out is retried on the same backup. */
  finalBackupTimeoutMs?: number;
  /** Extra container env (tests: the Odoo double's switches). */
  containerEnv?: Record<string, string>;
  odooImages: OdooImageCatalogue;
  odooWorkers?: number;
  /** How long Odoo's `-i base` may take (real Odoo: a minute or two; more with demo data). */
  odooInitTimeoutMs?: number;
  /** XML-RPC to the instance's running Odoo, at the address the platform reaches it by. */
  odoo(instanceId: string): Promise<OdooRpc>;
}
