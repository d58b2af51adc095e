import { v7 } from 'uuid';
import { operatorActionStream, type OperatorActionRecorded } from '../../domain/admin/operatorActionRecorded';
import type { EventStore } from '../../ports/eventStore';

export interface OperatorActionRequest {
  actor: string;
  correlationId: string;
  action: string;
  target: string;
  reason: string;
  outcome: Record<string, unknown>;
}

/** Appends the record of an operator's action (docs/decisions/055); each action is a stream of one event. */
export async function recordOperatorAction(store: Pick<EventStore, 'appendToStream'>, request: OperatorActionRequest): Promise<{ actionId: string; streamName: string }> {
  const actionId = v7();
  const streamName = operatorActionStream(actionId);
  const event: OperatorActionRecorded = {
    type: 'OperatorActionRecorded',
    data: { actionId, action: request.action, target: request.target, reason: request.reason, outcome: request.outcome },
  };
  await store.appendToStream(streamName, [{
    ...event,
    metadata: { actor: request.actor, correlationId: request.correlationId, commandId: actionId, occurredAt: new Date().toISOString(), schemaVersion: 1 },
  }], { expectedVersion: 'no_stream' });
  return { actionId, streamName };
}
