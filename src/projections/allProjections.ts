import { backupPoliciesProjection } from './backupPolicies/backupPoliciesProjection';
import { backupsProjection } from './backups/backupsProjection';
import { instancesProjection } from './instances/instancesProjection';
import { dunningProjection } from './billing/dunningProjection';
import { invoicesProjection } from './billing/invoicesProjection';
import { paymentsProjection } from './billing/paymentsProjection';
import { subscriptionsProjection } from './billing/subscriptionsProjection';
import type { Projection } from './runtime/projection';
import { sagasProjection } from './sagas/sagasProjection';
import { tenantMembersProjection } from './tenantMembers/tenantMembersProjection';
import { tenantsProjection } from './tenants/tenantsProjection';
import { usersProjection } from './users/usersProjection';

/** Every read model the worker runs and the CLI can rebuild; names must be unique. */
export const allProjections: readonly Projection[] = [tenantsProjection, usersProjection, tenantMembersProjection, instancesProjection, sagasProjection, backupsProjection, backupPoliciesProjection, invoicesProjection, subscriptionsProjection, dunningProjection, paymentsProjection];
