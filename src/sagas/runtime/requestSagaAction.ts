import type { SagaCancelRequested, SagaRetryRequested } from '../../domain/saga/sagaEvents';
import { WrongExpectedVersionError, type EventStore } from '../../ports/eventStore';
import type { SagaSchedule } from '../../ports/sagaSchedule';
import { getSaga } from '../../projections/sagas/querySagas';
import type { SagaView } from '../../projections/sagas/sagaView';
import type { ProjectionDb } from '../../projections/runtime/projection';
import { foldSagaProgress, isTerminal } from './foldSagaProgress';

export interface SagaActionDeps {
  db: ProjectionDb;
  /** Schema of the `sagas` read model. */
  readModelSchema: string;
  store: Pick<EventStore, 'readStream' | 'appendToStream'>;
  /** The workers run from it: the saga is made due now there. */
  schedule: Pick<SagaSchedule, 'add' | 'wakeUp'>;
}

export type SagaAction = { kind: 'retry' } | { kind: 'cancel' };

export type SagaActionOutcome =
  | { kind: 'requested'; saga: SagaView }
  | { kind: 'not-found' }
  | { kind: 'finished'; saga: SagaView; status: string }
  /** Workers kept appending while this tried: ask again. */
  | { kind: 'busy'; saga: SagaView };

/** An operator's retry (forget attempts and backoff) or cancel (stop and compensate) of an unfinished
 * saga, for the CLI and the admin API alike. The request is appended to the saga's own stream at the
 * version read, so a worker in the middle of a step is fenced at its next append and reloads the
 * stream, request included (docs/architecture.md, Sagas); actor and reason travel in its metadata. */
export async function requestSagaAction(deps: SagaActionDeps, id: string, action: SagaAction, by: { actor: string; reason: string }): Promise<SagaActionOutcome> {
  const saga = await getSaga(deps.db, deps.readModelSchema, id);
  if (!saga) return { kind: 'not-found' };
  const event: SagaRetryRequested | SagaCancelRequested = action.kind === 'retry'
    ? { type: 'SagaRetryRequested', data: { requestedBy: by.actor } }
    : { type: 'SagaCancelRequested', data: { requestedBy: by.actor, reason: by.reason } };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const history = await deps.store.readStream(saga.streamName);
    const progress = foldSagaProgress(history);
    if (isTerminal(progress.status)) return { kind: 'finished', saga, status: progress.status };
    const last = history[history.length - 1];
    try {
      await deps.store.appendToStream(saga.streamName, [{
        type: event.type, data: event.data,
        metadata: {
          correlationId: saga.correlationId, causationId: saga.sagaId, actor: by.actor, reason: by.reason,
          ...(saga.tenantId ? { tenantId: saga.tenantId } : {}), occurredAt: new Date().toISOString(), schemaVersion: 1,
        },
      }], { expectedVersion: last ? last.streamPosition : 'no_stream' });
      await deps.schedule.add({ ...saga, triggeredAt: saga.startedAt, dueAt: new Date() });
      await deps.schedule.wakeUp(saga.streamName);
      return { kind: 'requested', saga };
    } catch (error) {
      // A worker appended meanwhile: look again (it may even have finished).
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
  return { kind: 'busy', saga };
}
