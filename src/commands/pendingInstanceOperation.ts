import type { EventStore } from '../adapters/eventstore/eventStore';
import { instanceDecider } from '../domain/instance/instanceDecider';
import type { InstanceEvent } from '../domain/instance/instanceEvents';

/** The operation in flight on an instance (its own stream, never a lagging read model), or null: for
 * command preconditions that refuse at once what the instance would refuse later anyway. */
export async function pendingInstanceOperation(store: Pick<EventStore, 'readStream'>, instanceId: string): Promise<string | null> {
  const events = (await store.readStream(`instance-${instanceId}`)) as unknown as InstanceEvent[];
  const state = events.reduce(instanceDecider.evolve, instanceDecider.initialState());
  return state.status === 'absent' ? null : state.pendingOperation;
}
