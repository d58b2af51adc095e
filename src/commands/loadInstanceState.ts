import type { EventStore } from '../ports/eventStore';
import { instanceDecider } from '../domain/instance/instanceDecider';
import type { InstanceEvent } from '../domain/instance/instanceEvents';
import type { InstanceState } from '../domain/instance/instanceState';

/** An instance as its own stream says now, never a lagging read model: for sagas, preconditions and
 * lookups that must see what the aggregate would decide on. */
export async function loadInstanceState(store: Pick<EventStore, 'readStream'>, instanceId: string): Promise<InstanceState> {
  const events = (await store.readStream(`instance-${instanceId}`)) as unknown as InstanceEvent[];
  return events.reduce(instanceDecider.evolve, instanceDecider.initialState());
}
