import type { RunnableStep } from './sagaDefinition';
import { describeError, isBreakerOpen, PermanentSagaError, SagaDeferral, tenantSafeReason } from './sagaErrors';
import { sagaStepsTotal } from './sagaMetrics';
import type { SagaRun } from './sagaRun';

/** What the run does after a failed attempt: stop until `at`, try again after `waitMs`, or give up. */
export type FailureVerdict = { kind: 'later'; at: Date } | { kind: 'retry'; waitMs: number } | { kind: 'permanent' };

/**
 * Records why an attempt of a step did not complete and decides what follows: a deferral waits
 * (not a failure), an open breaker pauses without counting an attempt, a permanent error or the
 * last attempt gives up (`neverPermanent`: compensations, which wait longer and longer instead).
 */
export async function recordStepFailure<Input>(
  run: SagaRun<Input>, step: RunnableStep<Input>, phase: 'run' | 'compensate', attempt: number, error: unknown, neverPermanent = false,
): Promise<FailureVerdict> {
  const { definition, settings } = run;
  const reason = describeError(error);
  if (error instanceof SagaDeferral) {
    await run.append({ type: 'SagaStepDeferred', data: { step: step.name, until: error.until.toISOString(), reason: error.reason } });
    sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase, outcome: 'deferred' });
    return { kind: 'later', at: error.until };
  }
  if (isBreakerOpen(error)) {
    const at = new Date(run.now().getTime() + settings.pauseMs);
    await run.append({ type: 'SagaStepFailed', data: { step: step.name, phase, error: reason, attempt, permanent: false, paused: true, retryAt: at.toISOString() } });
    sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase, outcome: 'paused' });
    settings.logger?.warn({ ...run.log, step: step.name, reason }, 'saga paused: circuit breaker open');
    return { kind: 'later', at };
  }
  const maxAttempts = step.maxAttempts ?? settings.maxAttempts;
  const permanent = !neverPermanent && (error instanceof PermanentSagaError || attempt >= maxAttempts);
  const exhausted = neverPermanent && attempt >= maxAttempts;
  const waitMs = exhausted ? Math.min(60_000 * 2 ** Math.min(attempt - maxAttempts, 4), 15 * 60_000) : backoff(settings.retryBaseMs, attempt);
  const retryAt = permanent ? null : new Date(run.now().getTime() + waitMs);
  await run.append({ type: 'SagaStepFailed', data: {
    step: step.name, phase, error: reason, attempt, permanent, paused: false, retryAt: retryAt?.toISOString() ?? null,
    ...(permanent ? { publicReason: tenantSafeReason(error) } : {}),
  } });
  sagaStepsTotal.inc({ saga: definition.name, step: step.name, phase, outcome: 'failed' });
  settings.logger?.warn({ ...run.log, step: step.name, phase, attempt, permanent, reason, err: error }, 'saga step failed');
  if (permanent) return { kind: 'permanent' };
  return exhausted ? { kind: 'later', at: retryAt! } : { kind: 'retry', waitMs };
}

function backoff(retryBaseMs: number, attempt: number): number {
  return Math.min(retryBaseMs * 2 ** (attempt - 1), 30_000) * (0.75 + Math.random() * 0.5);
}
