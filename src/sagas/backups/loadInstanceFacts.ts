import type { EventStore } from '../../adapters/eventstore/eventStore';
import { instanceDecider } from '../../domain/instance/instanceDecider';
import type { InstanceEvent } from '../../domain/instance/instanceEvents';
import type { ExistingInstance } from '../../domain/instance/instanceState';
import { PermanentSagaError } from '../runtime/sagaErrors';

/** The instance as its own stream says now (plan, version, subdomain, status): never a lagging read
 * model, because a backup's manifest and a restore's container must match the real instance. */
export async function loadInstanceFacts(store: EventStore, instanceId: string): Promise<ExistingInstance> {
  const events = await store.readStream(`instance-${instanceId}`);
  const state = events.reduce((s, e) => instanceDecider.evolve(s, e as unknown as InstanceEvent), instanceDecider.initialState());
  if (state.status === 'absent') throw new PermanentSagaError(`instance ${instanceId} does not exist`);
  if (state.status === 'deleted') throw new PermanentSagaError(`instance ${instanceId} is deleted`);
  return state;
}
