import type { InstanceContainerSpec } from '../../ports/dockerEngine';
import { hashMasterPassword } from './hashMasterPassword';
import { renderOdooConfig } from './renderOdooConfig';
import { generatePassword } from '../../commands/generatePassword';
import type { SecretStore } from '../../ports/secretStore';
import type { InstancePlanCatalogue } from '../../domain/instance/instancePlanCatalogue';
import type { InstancePlanName } from '../../domain/instance/instancePlans';
import type { OdooImageCatalogue, OdooVersion } from '../../domain/instance/odooVersions';
import { PermanentSagaError } from '../runtime/sagaErrors';
import { instanceDatabaseName, instanceMasterPasswordReference, instanceSecretReference } from './instanceDatabaseName';
import { planLimits } from './instanceSteps';

export interface OdooContainerDeps {
  secrets: SecretStore;
  plans: InstancePlanCatalogue;
  odooImages: OdooImageCatalogue;
  /** Odoo worker processes per instance (decision 025: threaded until the routers send /websocket to 8072). */
  odooWorkers?: number;
  containerEnv?: Record<string, string>;
}

export interface OdooInstanceFacts {
  instanceId: string;
  tenantId: string;
  subdomain: string;
  plan: InstancePlanName;
  odooVersion: string;
}

/** The one description of an instance's Odoo container, for provisioning, its init command and a
 * restore's recreate: the image of its version, the database env, the plan's limits and the generated
 * config (database manager closed, this database only, a random hashed master password). The init
 * command needs no config (it serves nothing), which spares it the master password's 600,000 PBKDF2
 * rounds. */
export async function odooContainerSpec(deps: OdooContainerDeps, instance: OdooInstanceFacts, options: { config: boolean } = { config: true }): Promise<InstanceContainerSpec> {
  const { instanceId } = instance;
  const image = deps.odooImages[instance.odooVersion as OdooVersion];
  if (!image) throw new PermanentSagaError(`Odoo ${instance.odooVersion} is not a supported version`);
  const dbPassword = await deps.secrets.read(instanceSecretReference(instanceId));
  if (dbPassword === null) throw new Error(`the database password of instance ${instanceId} is missing`);
  const limits = planLimits(deps, instance.plan);
  const database = instanceDatabaseName(instanceId);
  const spec: InstanceContainerSpec = {
    instanceId, tenantId: instance.tenantId, subdomain: instance.subdomain,
    dbUser: database, dbPassword, image, limits,
    ...(deps.containerEnv ? { extraEnv: deps.containerEnv } : {}),
  };
  if (!options.config) return spec;
  const masterPassword = await deps.secrets.ensure(instanceMasterPasswordReference(instanceId), generatePassword);
  return {
    ...spec,
    odooConfig: renderOdooConfig({
      database, masterPasswordHash: await hashMasterPassword(masterPassword), workers: deps.odooWorkers ?? 0, memoryLimitBytes: limits.memoryBytes,
    }),
  };
}

/** Odoo's own initialisation of the empty database (the official image's contract): base installed,
 * demo data only when asked, the customer's language loaded; then it exits. */
export function odooInitArgs(database: string, options: { demoData: boolean; language: string }): string[] {
  return [
    '-d', database, '-i', 'base', '--stop-after-init',
    ...(options.demoData ? [] : ['--without-demo=all']),
    ...(options.language === 'en_US' ? [] : [`--load-language=${options.language}`]),
  ];
}
