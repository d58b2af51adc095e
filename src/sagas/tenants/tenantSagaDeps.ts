import type { EventStore, LogPosition } from '../../ports/eventStore';
import type { HandleCommand } from '../../commands/handleCommand';

export interface TenantSagaDeps {
  handleCommand: HandleCommand;
  store: EventStore;
  /** The tenant's instances (deleted ones left out), from a read model that has seen `seen`: an
   * instance requested before that position is in the list. */
  instancesOfTenant(tenantId: string, seen: LogPosition): Promise<string[]>;
}
