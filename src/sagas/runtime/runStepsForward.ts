import { runWithTimeout } from './runWithTimeout';
import type { SagaFailure } from './sagaDefinition';
import { PermanentSagaError, tenantSafeReason } from './sagaErrors';
import { SagaFenced } from './appendToSagaStream';
import { sagaStepDurationSeconds, sagaStepsTotal, sagasFinishedTotal } from './sagaMetrics';
import type { SagaRun } from './sagaRun';
import { recordStepFailure } from './recordStepFailure';

export type ForwardOutcome =
  | { kind: 'succeeded' }
  /** Nothing to do before `at` (backoff, breaker pause, deferral). */
  | { kind: 'later'; at: Date }
  /** Compensation follows: `completedCount` steps completed, the next one failed or was cancelled. */
  | { kind: 'failed'; failure: SagaFailure; completedCount: number };

/**
 * Runs the steps not yet completed, in order, each recorded as it completes, then reports success.
 * Transient errors are retried here with backoff; what must wait returns `later`.
 */
export async function runStepsForward<Input>(run: SagaRun<Input>): Promise<ForwardOutcome> {
  const { definition, progress, settings } = run;
  const steps = definition.steps;
  let completedCount = progress.completed.length;
  // A cancel only counts while something is left to do: a saga that finished its steps reports success.
  if (progress.cancelRequested && completedCount < steps.length) {
    return { kind: 'failed', failure: { step: steps[completedCount]!.name, reason: `cancelled: ${progress.cancelRequested.reason}`, cancelled: true }, completedCount };
  }
  while (completedCount < steps.length) {
    const step = steps[completedCount]!;
    const key = `run:${step.name}`;
    const attempt = (progress.attempts.get(key) ?? 0) + 1;
    const startedAt = process.hrtime.bigint();
    try {
      const output = await runWithTimeout(step.name, step.timeoutMs, async (signal) => {
        const result = await step.run(run.context(attempt, signal));
        await injectFault(step.name, settings.faultInjectStep);
        return result;
      });
      await run.append({ type: 'SagaStepCompleted', data: { step: step.name, output: output ?? null, attempt } });
      run.outputs[step.name] = output ?? undefined;
      completedCount += 1;
      sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase: 'run', outcome: 'completed' });
      sagaStepDurationSeconds.observe({ saga: definition.name, step: step.name }, Number(process.hrtime.bigint() - startedAt) / 1e9);
    } catch (error) {
      if (error instanceof SagaFenced) throw error;
      const verdict = await recordStepFailure(run, step, 'run', attempt, error);
      if (verdict.kind === 'later') return verdict;
      progress.attempts.set(key, attempt);
      if (verdict.kind === 'permanent') return { kind: 'failed', failure: { step: step.name, reason: tenantSafeReason(error), cancelled: false }, completedCount };
      await sleep(verdict.waitMs);
    }
  }
  await definition.onCompleted(run.context(1, new AbortController().signal));
  await run.append({ type: 'SagaCompleted', data: { outcome: 'succeeded', failedStep: null, reason: null } });
  sagasFinishedTotal.inc({ saga: definition.name, outcome: 'succeeded' });
  settings.logger?.info(run.log, 'saga succeeded');
  return { kind: 'succeeded' };
}

async function injectFault(step: string, fault: string | undefined): Promise<void> {
  if (!fault) return;
  const [target, mode] = fault.split(':');
  if (target !== step) return;
  if (mode === 'hang') await new Promise(() => undefined);
  throw new PermanentSagaError(`fault injected after step ${step}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
