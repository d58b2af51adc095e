import type { Projection } from '../runtime/projection';
import { foldTenantEvents } from './foldTenantEvents';
import { migrateTenants } from './migrateTenants';
import { writeTenantChanges } from './writeTenantChanges';

/** The `tenants` read model: one row per tenant, deleted ones kept with their reason. */
export const tenantsProjection: Projection<'tenants'> = {
  name: 'tenants',
  version: 1,
  streamCategories: ['tenant'],
  tables: ['tenants'],
  migrate: migrateTenants,
  handle: (events, trx, tables) => writeTenantChanges(trx, tables, foldTenantEvents(events)),
};
