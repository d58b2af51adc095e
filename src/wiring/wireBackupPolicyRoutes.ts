import { backupPolicyRoutes } from '../api/http/routes/backupPolicyRoutes';
import { backupPoliciesProjection } from '../projections/backupPolicies/backupPoliciesProjection';
import { backupPolicyDefaultsFromConfig } from '../projections/backupPolicies/backupPolicyDefaultsFromConfig';
import { createBackupPolicyQueries } from '../projections/backupPolicies/queryBackupPolicies';
import { instancesProjection } from '../projections/instances/instancesProjection';
import type { PlatformCore } from './createPlatformCore';

/** The backup policy routes wired to the core (the api role spreads them into its route table).
 * `waitFor(projection)` is the api role's read-your-writes wait. */
export function wireBackupPolicyRoutes(core: PlatformCore, waitFor: (projection: string) => (minPosition: string) => Promise<void>) {
  const { config, db, handleCommand, authorizer } = core;
  return backupPolicyRoutes({
    handleCommand,
    policies: createBackupPolicyQueries(db, config.READMODEL_SCHEMA, backupPolicyDefaultsFromConfig(config)),
    tenantOfInstance: core.tenantLookups.tenantOfInstance,
    authorizeTenant: (principal, tenantId, permission) => authorizer.authorize(principal, { kind: 'tenant', tenantId, permission }),
    // The answer joins both read models: both must have passed the position.
    waitForPolicies: async (minPosition) => {
      await Promise.all([waitFor(backupPoliciesProjection.name)(minPosition), waitFor(instancesProjection.name)(minPosition)]);
    },
  });
}
