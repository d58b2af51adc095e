import { WrongExpectedVersionError, type EventStore } from '../../adapters/eventstore/eventStore';
import { foldSagaProgress, isTerminal, type SagaStatus } from './foldSagaProgress';
import type { SagaContext, SagaDefinition, SagaFailure, SagaStep, StepOutput } from './sagaDefinition';
import { describeError, isBreakerOpen, PermanentSagaError, SagaDeferral, tenantSafeReason } from './sagaErrors';
import type { SagaEvent, SagaStarted } from './sagaEvents';
import { sagaStepDurationSeconds, sagaStepsTotal, sagasFinishedTotal } from './sagaMetrics';
import { sagaStreamName } from './sagaStreamName';
import { runWithTimeout } from './runWithTimeout';

export interface SagaLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface SagaRuntimeSettings {
  /** Attempts of a step with transient errors before compensating (a step may override). */
  maxAttempts: number;
  retryBaseMs: number;
  /** How long an open breaker pauses a saga. */
  pauseMs: number;
  /** Test only: `<step>` fails that step after its work (permanent), `<step>:hang` hangs there. */
  faultInjectStep?: string;
  now?: () => Date;
  logger?: SagaLogger;
}

export type RunSagaResult =
  | { kind: 'finished'; status: SagaStatus }
  /** Nothing to do before `at` (backoff, breaker pause, deferral). */
  | { kind: 'later'; at: Date }
  /** Someone else appended to the stream (an operator's cancel, a worker that lost its lock). */
  | { kind: 'fenced' }
  /** No SagaStarted and no start data: nothing to run. */
  | { kind: 'missing' };

class Fenced extends Error {}

/**
 * Runs one saga from where its stream says it stands, until it ends or must wait. The caller holds
 * the saga's lock; every append still carries the version read, so a worker that lost the lock
 * without noticing is fenced off instead of recording a step twice.
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
  let version = history.length === 0 ? -1 : history[history.length - 1]!.streamPosition;
  let progress = foldSagaProgress(history);
  const log = { saga: definition.name, sagaId };

  const known = progress.started ?? (start ? { sagaName: definition.name, sagaId, ...start } : null);
  const metadata = known
    ? { correlationId: known.correlationId, causationId: known.triggerEventId, actor: `system:saga-${definition.name}`, ...(known.tenantId ? { tenantId: known.tenantId } : {}) }
    : {};
  if (!progress.started && start) {
    // Idempotent start: two workers racing here both use 'no_stream'; one wins.
    const started: SagaStarted = { type: 'SagaStarted', data: { sagaName: definition.name, sagaId, ...start } };
    try {
      await append(started);
    } catch (error) {
      if (error instanceof Fenced) return { kind: 'fenced' };
      throw error;
    }
    progress = foldSagaProgress([started]);
  }
  const started = progress.started;
  if (!started) return { kind: 'missing' };
  if (isTerminal(progress.status)) return { kind: 'finished', status: progress.status };
  if (progress.notBefore && progress.notBefore > now()) return { kind: 'later', at: progress.notBefore };

  const outputs: Record<string, StepOutput> = Object.fromEntries(progress.completed.map((c) => [c.step, c.output ?? undefined]));
  const context = (attempt: number, signal: AbortSignal): SagaContext<Input> => ({
    sagaName: definition.name, sagaId, input: started.input as Input, outputs, signal, attempt, correlationId: started.correlationId, triggeredAt: new Date(started.triggeredAt),
  });
  const steps = definition.steps;

  async function append(event: SagaEvent): Promise<void> {
    try {
      const result = await store.appendToStream(stream, [{ type: event.type, data: event.data, metadata: { ...metadata, occurredAt: now().toISOString(), schemaVersion: 1 } }],
        { expectedVersion: version === -1 ? 'no_stream' : version });
      version = result.nextExpectedVersion;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new Fenced();
      throw error;
    }
  }

  const backoff = (attempt: number) => Math.min(settings.retryBaseMs * 2 ** (attempt - 1), 30_000) * (0.75 + Math.random() * 0.5);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  try {
    let failure: SagaFailure | null = progress.failure;
    let completedCount = progress.completed.length;
    if (progress.status === 'running') {
      // A cancel only counts while something is left to do: a saga that finished its steps reports success.
      if (progress.cancelRequested && completedCount < steps.length) {
        failure = { step: steps[completedCount]!.name, reason: `cancelled: ${progress.cancelRequested.reason}`, cancelled: true };
      }
      while (!failure && completedCount < steps.length) {
        const step = steps[completedCount]!;
        const key = `run:${step.name}`;
        const attempt = (progress.attempts.get(key) ?? 0) + 1;
        const startedAt = process.hrtime.bigint();
        try {
          const output = await runWithTimeout(step.name, step.timeoutMs, async (signal) => {
            const result = await step.run(context(attempt, signal));
            await injectFault(step.name, settings.faultInjectStep);
            return result;
          });
          await append({ type: 'SagaStepCompleted', data: { step: step.name, output: output ?? null, attempt } });
          outputs[step.name] = output ?? undefined;
          completedCount += 1;
          sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase: 'run', outcome: 'completed' });
          sagaStepDurationSeconds.observe({ saga: definition.name, step: step.name }, Number(process.hrtime.bigint() - startedAt) / 1e9);
        } catch (error) {
          if (error instanceof Fenced) throw error;
          const verdict = await recordFailure(step, 'run', attempt, error);
          if (verdict.kind === 'later') return verdict;
          progress.attempts.set(key, attempt);
          if (verdict.kind === 'retry') await sleep(verdict.waitMs);
          else failure = { step: step.name, reason: tenantSafeReason(error), cancelled: false };
        }
      }
      if (!failure) {
        await definition.onCompleted(context(1, new AbortController().signal));
        await append({ type: 'SagaCompleted', data: { outcome: 'succeeded', failedStep: null, reason: null } });
        sagasFinishedTotal.inc({ saga: definition.name, outcome: 'succeeded' });
        settings.logger?.info(log, 'saga succeeded');
        return { kind: 'finished', status: 'succeeded' };
      }
    }
    if (!failure) throw new Error(`saga ${stream} is compensating without a recorded failure`);

    // The step that failed (or was running when cancelled) may have done part of its work: undo it
    // too. Compensations accept "nothing to undo".
    const lastTouched = Math.min(completedCount, steps.length - 1);
    for (let index = lastTouched; index >= 0; index -= 1) {
      const step = steps[index]!;
      if (!step.compensate || progress.compensated.has(step.name)) continue;
      const key = `compensate:${step.name}`;
      for (;;) {
        const attempt = (progress.attempts.get(key) ?? 0) + 1;
        try {
          await runWithTimeout(step.name, step.timeoutMs, (signal) => step.compensate!(context(attempt, signal)));
          await append({ type: 'SagaCompensated', data: { step: step.name } });
          sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase: 'compensate', outcome: 'completed' });
          break;
        } catch (error) {
          if (error instanceof Fenced) throw error;
          // Compensation never gives up: after the fast retries it waits longer and longer; the
          // saga shows as stuck (CLI `sagas list --stuck`) meanwhile.
          const verdict = await recordFailure(step, 'compensate', attempt, error, true);
          progress.attempts.set(key, attempt);
          if (verdict.kind === 'later') return verdict;
          if (verdict.kind === 'retry') await sleep(verdict.waitMs);
        }
      }
    }
    await definition.onFailed(context(1, new AbortController().signal), failure);
    const outcome = failure.cancelled ? 'cancelled' : 'compensated';
    await append({ type: 'SagaCompleted', data: { outcome, failedStep: failure.step, reason: failure.reason } });
    sagasFinishedTotal.inc({ saga: definition.name, outcome });
    settings.logger?.warn({ ...log, failedStep: failure.step, reason: failure.reason }, 'saga compensated');
    return { kind: 'finished', status: outcome };
  } catch (error) {
    if (error instanceof Fenced) return { kind: 'fenced' };
    throw error;
  }

  async function recordFailure(step: SagaStep<Input>, phase: 'run' | 'compensate', attempt: number, error: unknown, neverPermanent = false):
    Promise<{ kind: 'later'; at: Date } | { kind: 'retry'; waitMs: number } | { kind: 'permanent' }> {
    const reason = describeError(error);
    if (error instanceof SagaDeferral) {
      await append({ type: 'SagaStepDeferred', data: { step: step.name, until: error.until.toISOString(), reason: error.reason } });
      sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase, outcome: 'deferred' });
      return { kind: 'later', at: error.until };
    }
    if (isBreakerOpen(error)) {
      const at = new Date(now().getTime() + settings.pauseMs);
      await append({ type: 'SagaStepFailed', data: { step: step.name, phase, error: reason, attempt, permanent: false, paused: true, retryAt: at.toISOString() } });
      sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase, outcome: 'paused' });
      settings.logger?.warn({ ...log, step: step.name, reason }, 'saga paused: circuit breaker open');
      return { kind: 'later', at };
    }
    const maxAttempts = step.maxAttempts ?? settings.maxAttempts;
    const permanent = !neverPermanent && (error instanceof PermanentSagaError || attempt >= maxAttempts);
    const exhausted = neverPermanent && attempt >= maxAttempts;
    const waitMs = exhausted ? Math.min(60_000 * 2 ** Math.min(attempt - maxAttempts, 4), 15 * 60_000) : backoff(attempt);
    const retryAt = permanent ? null : new Date(now().getTime() + waitMs);
    await append({ type: 'SagaStepFailed', data: {
      step: step.name, phase, error: reason, attempt, permanent, paused: false, retryAt: retryAt?.toISOString() ?? null,
      ...(permanent ? { publicReason: tenantSafeReason(error) } : {}),
    } });
    sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase, outcome: 'failed' });
    settings.logger?.warn({ ...log, step: step.name, phase, attempt, permanent, reason }, 'saga step failed');
    if (permanent) return { kind: 'permanent' };
    return exhausted ? { kind: 'later', at: retryAt! } : { kind: 'retry', waitMs };
  }
}

async function injectFault(step: string, fault: string | undefined): Promise<void> {
  if (!fault) return;
  const [target, mode] = fault.split(':');
  if (target !== step) return;
  if (mode === 'hang') await new Promise(() => undefined);
  throw new PermanentSagaError(`fault injected after step ${step}`);
}
