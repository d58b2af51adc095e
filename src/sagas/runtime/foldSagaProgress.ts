import type { StepOutput } from './sagaDefinition';
import type { SagaEvent, SagaStarted } from '../../domain/saga/sagaEvents';

export type SagaStatus = 'pending' | 'running' | 'compensating' | 'succeeded' | 'compensated' | 'cancelled';

export interface SagaProgress {
  status: SagaStatus;
  started: SagaStarted['data'] | null;
  /** Completed steps in order, with their outputs. */
  completed: Array<{ step: string; output: StepOutput | null }>;
  compensated: Set<string>;
  /** Failed attempts per `phase:step` since the last operator retry (pauses excluded). */
  attempts: Map<string, number>;
  /** Not before this time (backoff, pause or deferral); cleared by an operator retry. */
  notBefore: Date | null;
  /** Set once compensation is decided: the step that failed and why. */
  failure: { step: string; reason: string; cancelled: boolean } | null;
  cancelRequested: { reason: string } | null;
}

/** Where a saga stands, from its own stream only: what a resumed worker continues from. */
export function foldSagaProgress(events: ReadonlyArray<{ type: string; data: unknown }>): SagaProgress {
  const progress: SagaProgress = {
    status: 'pending', started: null, completed: [], compensated: new Set(), attempts: new Map(),
    notBefore: null, failure: null, cancelRequested: null,
  };
  for (const raw of events) {
    const event = raw as SagaEvent;
    switch (event.type) {
      case 'SagaStarted':
        progress.started = event.data;
        progress.status = 'running';
        break;
      case 'SagaStepCompleted':
        progress.completed.push({ step: event.data.step, output: event.data.output });
        progress.notBefore = null;
        break;
      case 'SagaStepFailed': {
        const key = `${event.data.phase}:${event.data.step}`;
        if (!event.data.paused) progress.attempts.set(key, (progress.attempts.get(key) ?? 0) + 1);
        progress.notBefore = event.data.retryAt ? new Date(event.data.retryAt) : null;
        if (event.data.permanent && event.data.phase === 'run' && !progress.failure) {
          progress.failure = { step: event.data.step, reason: event.data.publicReason ?? event.data.error, cancelled: false };
          progress.status = 'compensating';
        }
        break;
      }
      case 'SagaStepDeferred':
        progress.notBefore = new Date(event.data.until);
        break;
      case 'SagaCompensated':
        progress.compensated.add(event.data.step);
        progress.notBefore = null;
        break;
      case 'SagaCompleted':
        progress.status = event.data.outcome;
        break;
      case 'SagaRetryRequested':
        progress.attempts.clear();
        progress.notBefore = null;
        break;
      case 'SagaCancelRequested':
        progress.cancelRequested = { reason: event.data.reason };
        break;
      default:
        break;
    }
  }
  return progress;
}

export function isTerminal(status: SagaStatus): boolean {
  return status === 'succeeded' || status === 'compensated' || status === 'cancelled';
}
