import type { Decider } from '../shared/decider';
import { decide } from './decide';
import { evolve } from './evolve';
import type { UserCommand } from './userCommands';
import type { UserEvent } from './userEvents';
import { initialState, type UserState } from './userState';

export const userDecider: Decider<UserState, UserCommand, UserEvent> = { initialState, decide, evolve };
