import type { Projection } from './runtime/projection';
import { tenantsProjection } from './tenants/tenantsProjection';

/** Every read model the worker keeps up to date and the CLI can rebuild. */
export const allProjections: Projection[] = [tenantsProjection as Projection];
