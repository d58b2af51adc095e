import type { EventStore } from '../../ports/eventStore';
import { appendToSagaStream, SagaFenced } from './appendToSagaStream';
import { compensateSteps } from './compensateSteps';
import { foldSagaProgress, isTerminal, type SagaStatus } from './foldSagaProgress';
import { runStepsForward } from './runStepsForward';
import type { SagaDefinition, StepOutput } from './sagaDefinition';
import type { SagaStarted } from '../../domain/saga/sagaEvents';
import type { SagaRuntimeSettings } from './sagaRuntimeSettings';
import type { SagaRun } from './sagaRun';
import { sagaStreamName } from '../../domain/saga/sagaStreamName';

export type { SagaLogger, SagaRuntimeSettings } from './sagaRuntimeSettings';

export type RunSagaResult =
  | { kind: 'finished'; status: SagaStatus }
  /** Nothing to do before `at` (backoff, breaker pause, deferral). */
  | { kind: 'later'; at: Date }
  /** Someone else appended to the stream (an operator's cancel, a worker that lost its lock). */
  | { kind: 'fenced' }
  /** No SagaStarted and no start data: nothing to run. */
  | { kind: 'missing' };

/**
 * Runs one saga from where its stream says it stands, until it ends or must wait: the steps forward
 * (runStepsForward), and after a failure the compensations (compensateSteps). The caller holds the
 * saga's lock; every append still carries the version read (appendToSagaStream).
 */
export async function runSaga<Input>(
  store: EventStore,
  definition: SagaDefinition<Input>,
  sagaId: string,
  start: Omit<SagaStarted['data'], 'sagaName' | 'sagaId'> | null,
  settings: SagaRuntimeSettings,
): Promise<RunSagaResult> {
  const now = settings.now ?? (() => new Date());
  const stream = sagaStreamName(definition.name, sagaId);
  const history = await store.readStream(stream);
  let progress = foldSagaProgress(history);

  const known = progress.started ?? (start ? { sagaName: definition.name, sagaId, ...start } : null);
  const metadata = known
    ? { correlationId: known.correlationId, causationId: known.triggerEventId, actor: `system:saga-${definition.name}`, ...(known.tenantId ? { tenantId: known.tenantId } : {}) }
    : {};
  const append = appendToSagaStream(store, stream, history.at(-1)?.streamPosition ?? -1, metadata, now);
  try {
    if (!progress.started && start) {
      // Idempotent start: two workers racing here both use 'no_stream'; one wins.
      const started: SagaStarted = { type: 'SagaStarted', data: { sagaName: definition.name, sagaId, ...start } };
      await append(started);
      progress = foldSagaProgress([started]);
    }
    const started = progress.started;
    if (!started) return { kind: 'missing' };
    if (isTerminal(progress.status)) return { kind: 'finished', status: progress.status };
    if (progress.notBefore && progress.notBefore > now()) return { kind: 'later', at: progress.notBefore };

    const outputs: Record<string, StepOutput> = Object.fromEntries(progress.completed.map((c) => [c.step, c.output ?? undefined]));
    const run: SagaRun<Input> = {
      definition, settings, progress, outputs, now, append,
      log: { saga: definition.name, sagaId, correlationId: started.correlationId },
      context: (attempt, signal) => ({
        sagaName: definition.name, sagaId, input: started.input as Input, outputs, signal, attempt,
        correlationId: started.correlationId, triggeredAt: new Date(started.triggeredAt),
      }),
    };

    let compensation = progress.failure ? { failure: progress.failure, completedCount: progress.completed.length } : null;
    if (progress.status === 'running') {
      const forward = await runStepsForward(run);
      if (forward.kind === 'succeeded') return { kind: 'finished', status: 'succeeded' };
      if (forward.kind === 'later') return forward;
      compensation = forward;
    }
    if (!compensation) throw new Error(`saga ${stream} is compensating without a recorded failure`);
    return await compensateSteps(run, compensation.failure, compensation.completedCount);
  } catch (error) {
    if (error instanceof SagaFenced) return { kind: 'fenced' };
    throw error;
  }
}
