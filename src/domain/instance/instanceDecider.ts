import type { Decider } from '../shared/decider';
import { decide } from './decide';
import { evolve } from './evolve';
import type { InstanceCommand } from './instanceCommands';
import type { InstanceEvent } from './instanceEvents';
import { initialState, type InstanceState } from './instanceState';

export const instanceDecider: Decider<InstanceState, InstanceCommand, InstanceEvent> = { initialState, decide, evolve };
