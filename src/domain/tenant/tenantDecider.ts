import type { Decider } from '../shared/decider';
import { decide } from './decide';
import { evolve } from './evolve';
import type { TenantCommand } from './tenantCommands';
import type { TenantAggregateEvent } from './tenantEvents';
import { initialState, type TenantState } from './tenantState';

export const tenantDecider: Decider<TenantState, TenantCommand, TenantAggregateEvent> = { initialState, decide, evolve };
