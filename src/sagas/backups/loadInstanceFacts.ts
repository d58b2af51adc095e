import type { EventStore } from '../../ports/eventStore';
import { loadInstanceState } from '../../commands/loadInstanceState';
import type { ExistingInstance } from '../../domain/instance/instanceState';
import { PermanentSagaError } from '../runtime/sagaErrors';

/** The instance as its own stream says now (plan, version, subdomain, status): never a lagging read
 * model, because a backup's manifest and a restore's container must match the real instance. */
export async function loadInstanceFacts(store: EventStore, instanceId: string): Promise<ExistingInstance> {
  const state = await loadInstanceState(store, instanceId);
  if (state.status === 'absent') throw new PermanentSagaError(`instance ${instanceId} does not exist`);
  if (state.status === 'deleted') throw new PermanentSagaError(`instance ${instanceId} is deleted`);
  return state;
}
