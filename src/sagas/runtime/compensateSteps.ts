import { runWithTimeout } from './runWithTimeout';
import { SagaFenced } from './appendToSagaStream';
import type { SagaFailure } from './sagaDefinition';
import { sagaStepsTotal, sagasFinishedTotal } from './sagaMetrics';
import type { SagaRun } from './sagaRun';
import { recordStepFailure } from './recordStepFailure';

export type CompensationOutcome =
  | { kind: 'finished'; status: 'compensated' | 'cancelled' }
  /** A compensation keeps failing: tried again at `at`. */
  | { kind: 'later'; at: Date };

/**
 * Undoes the completed steps in reverse order, each compensation recorded, then reports the failure.
 * The step that failed (or was running when cancelled) may have done part of its work: it is undone
 * too. Compensations accept "nothing to undo", and never give up: after the fast retries they wait
 * longer and longer, the saga showing as stuck (CLI `sagas list --stuck`) meanwhile.
 */
export async function compensateSteps<Input>(run: SagaRun<Input>, failure: SagaFailure, completedCount: number): Promise<CompensationOutcome> {
  const { definition, progress, settings } = run;
  const steps = definition.steps;
  const lastTouched = Math.min(completedCount, steps.length - 1);
  for (let index = lastTouched; index >= 0; index -= 1) {
    const step = steps[index]!;
    if (!step.compensate || progress.compensated.has(step.name)) continue;
    const key = `compensate:${step.name}`;
    for (;;) {
      const attempt = (progress.attempts.get(key) ?? 0) + 1;
      try {
        await runWithTimeout(step.name, step.timeoutMs, (signal) => step.compensate!(run.context(attempt, signal)));
        await run.append({ type: 'SagaCompensated', data: { step: step.name } });
        sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase: 'compensate', outcome: 'completed' });
        break;
      } catch (error) {
        if (error instanceof SagaFenced) throw error;
        const verdict = await recordStepFailure(run, step, 'compensate', attempt, error, true);
        progress.attempts.set(key, attempt);
        if (verdict.kind === 'later') return verdict;
        if (verdict.kind === 'retry') await new Promise((resolve) => setTimeout(resolve, verdict.waitMs));
      }
    }
  }
  await definition.onFailed(run.context(1, new AbortController().signal), failure);
  const outcome = failure.cancelled ? 'cancelled' : 'compensated';
  await run.append({ type: 'SagaCompleted', data: { outcome, failedStep: failure.step, reason: failure.reason } });
  sagasFinishedTotal.inc({ saga: definition.name, outcome });
  settings.logger?.warn({ ...run.log, failedStep: failure.step, reason: failure.reason }, 'saga compensated');
  return { kind: 'finished', status: outcome };
}
