import type { Projection } from './runtime/projection';
import { tenantsProjection } from './tenants/tenantsProjection';

/** Every read model the worker runs and the CLI can rebuild; names must be unique. */
export const allProjections: readonly Projection[] = [tenantsProjection];
