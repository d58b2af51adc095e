import type { EventStore } from '../ports/eventStore';
import { instanceDecider } from '../domain/instance/instanceDecider';
import type { InstanceState } from '../domain/instance/instanceState';
import { instanceStream } from '../domain/instance/instanceStream';
import { aggregateStream } from './aggregateStream';

/** An instance as its own stream says now, never a lagging read model: for sagas, preconditions and
 * lookups that must see what the aggregate would decide on. */
export async function loadInstanceState(store: Pick<EventStore, 'readStream'>, instanceId: string): Promise<InstanceState> {
  return aggregateStream(store, instanceDecider, instanceStream(instanceId));
}
