import type { DockerAdapter } from '../../adapters/docker/dockerAdapter';
import type { PostgresAdmin } from '../../adapters/postgresAdmin/postgresAdmin';
import type { SecretStore } from '../../adapters/secrets/secretStore';
import type { HandleCommand } from '../../commands/handleCommand';
import type { InstancePlanCatalogue } from '../../domain/instance/instancePlanCatalogue';
import type { InstanceRouter } from './instanceRouter';
import type { SubdomainClaims } from './subdomainClaims';

export interface InstanceSagaDeps {
  docker: DockerAdapter;
  postgresAdmin: PostgresAdmin;
  secrets: SecretStore;
  claims: SubdomainClaims;
  /** Null when routing is label-driven only (Traefik). */
  router: InstanceRouter | null;
  handleCommand: HandleCommand;
  plans: InstancePlanCatalogue;
  baseDomain: string;
  urlScheme: 'http' | 'https';
  healthTimeoutMs: number;
  /** Extra container env (tests: stand-in switches). */
  containerEnv?: Record<string, string>;
}
