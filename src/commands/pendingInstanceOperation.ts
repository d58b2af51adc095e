import type { EventStore } from '../ports/eventStore';
import { loadInstanceState } from './loadInstanceState';

/** The operation in flight on an instance (its own stream, never a lagging read model), or null: for
 * command preconditions that refuse at once what the instance would refuse later anyway. */
export async function pendingInstanceOperation(store: Pick<EventStore, 'readStream'>, instanceId: string): Promise<string | null> {
  const state = await loadInstanceState(store, instanceId);
  return state.status === 'absent' ? null : state.pendingOperation;
}
