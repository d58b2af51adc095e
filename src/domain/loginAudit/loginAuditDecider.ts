import type { Decider } from '../shared/decider';
import type { LoginAuditCommand } from './loginAuditCommands';
import type { LoginAuditEvent } from './loginAuditEvents';

/** One stream per UTC day (`loginaudit-<yyyy-mm-dd>`) keeps each stream short: the pipeline reads a
 * stream before every append. The decider only records; there is no state to protect. */
export const loginAuditDecider: Decider<{ failures: number }, LoginAuditCommand, LoginAuditEvent> = {
  initialState: () => ({ failures: 0 }),
  decide: (command) => [{ type: 'LoginFailedForUnknownAccount', data: { ...command.data } }],
  evolve: (state) => ({ failures: state.failures + 1 }),
};
