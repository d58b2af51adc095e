import { userInfo } from 'node:os';
import { WrongExpectedVersionError } from '../../ports/eventStore';
import type { SagaSchedule } from '../../ports/sagaSchedule';
import { getSaga, querySagas } from '../../projections/sagas/querySagas';
import type { SagaView } from '../../projections/sagas/sagaView';
import { foldSagaProgress, isTerminal } from '../../sagas/runtime/foldSagaProgress';
import type { SagaCancelRequested, SagaRetryRequested } from '../../domain/saga/sagaEvents';
import type { CliContext } from './cliContext';

type Context = Pick<CliContext, 'config' | 'db' | 'store'>;
/** Retry and cancel also make the saga due in the schedule the workers run from (src/wiring/createCliContext). */
export type SagaCommandContext = Context & { schedule: SagaSchedule };
type Write = (line: string) => void;

const summary = (s: SagaView) =>
  `${s.sagaId} ${s.sagaName} ${s.status} step=${s.currentStep ?? s.lastCompletedStep ?? '-'} (${s.stepsCompleted} done)`
  + `${s.attempts ? ` attempts=${s.attempts}` : ''}${s.retryAt ? ` retry_at=${s.retryAt.toISOString()}` : ''}`
  + `${s.cancelRequested ? ' cancel-requested' : ''} subject=${s.subjectId} updated=${s.updatedAt.toISOString()}`
  + `${s.lastError ? `\n    last error: ${s.lastError}` : ''}`;

/** `sagas list [--stuck]`: newest first; stuck = unfinished and failing, paused, deferred or idle. */
export async function sagasList(context: Context, options: { stuck?: boolean; limit?: number }, write: Write): Promise<SagaView[]> {
  const sagas = await querySagas(context.db, context.config.READMODEL_SCHEMA, { ...options });
  for (const saga of sagas) write(summary(saga));
  write(`${sagas.length} saga(s)${options.stuck ? ' stuck' : ''}`);
  return sagas;
}

/** `sagas show <id>`: the read model's summary, then the saga's own stream, step by step. */
export async function sagasShow(context: Context, id: string, write: Write): Promise<boolean> {
  const saga = await getSaga(context.db, context.config.READMODEL_SCHEMA, id);
  if (!saga) {
    write(`no saga ${id}`);
    return false;
  }
  write(summary(saga));
  for (const event of await context.store.readStream(saga.streamName)) {
    const data = event.data as Record<string, unknown>;
    const detail = event.type === 'SagaStarted' ? `trigger ${String(data.triggerEventId)}` : Object.entries(data)
      .filter(([key, value]) => key !== 'output' && value !== null && value !== undefined)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' ');
    write(`  ${event.streamPosition} ${event.createdAt.toISOString()} ${event.type} ${detail}`);
  }
  return true;
}

/** `sagas retry <id>`: forgets the attempts and the backoff of an unfinished saga, so a worker runs it now. */
export async function sagasRetry(context: SagaCommandContext, id: string, write: Write): Promise<boolean> {
  return request(context, id, write, { type: 'SagaRetryRequested', data: { requestedBy: operator() } } satisfies SagaRetryRequested, 'retry requested');
}

/** `sagas cancel <id>`: the worker stops the saga at its next step and compensates what it did. */
export async function sagasCancel(context: SagaCommandContext, id: string, write: Write, reason = 'cancelled by an operator'): Promise<boolean> {
  return request(context, id, write, { type: 'SagaCancelRequested', data: { requestedBy: operator(), reason } } satisfies SagaCancelRequested, 'cancel requested; the worker compensates');
}

// The request is appended to the saga's own stream at the version read, so a worker in the middle of
// a step is fenced at its next append and reloads the stream, request included (docs/architecture.md, Sagas).
async function request(context: SagaCommandContext, id: string, write: Write, event: SagaRetryRequested | SagaCancelRequested, done: string): Promise<boolean> {
  const saga = await getSaga(context.db, context.config.READMODEL_SCHEMA, id);
  if (!saga) {
    write(`no saga ${id}`);
    return false;
  }
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const history = await context.store.readStream(saga.streamName);
    const progress = foldSagaProgress(history);
    if (isTerminal(progress.status)) {
      write(`saga ${saga.sagaId} already finished (${progress.status}); nothing to do`);
      return false;
    }
    const last = history[history.length - 1];
    try {
      await context.store.appendToStream(saga.streamName, [{
        type: event.type, data: event.data,
        metadata: {
          correlationId: saga.correlationId, causationId: saga.sagaId, actor: event.data.requestedBy,
          ...(saga.tenantId ? { tenantId: saga.tenantId } : {}), occurredAt: new Date().toISOString(), schemaVersion: 1,
        },
      }], { expectedVersion: last ? last.streamPosition : 'no_stream' });
      await dueNow(context, saga);
      write(`saga ${saga.sagaId} (${saga.sagaName}): ${done}`);
      return true;
    } catch (error) {
      // A worker appended meanwhile: look again (it may even have finished).
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
  write(`saga ${saga.sagaId} kept moving; try again`);
  return false;
}

/** The workers run from the saga schedule: make the saga due now there (back if its row was lost). */
async function dueNow(context: SagaCommandContext, saga: SagaView): Promise<void> {
  await context.schedule.add({ ...saga, triggeredAt: saga.startedAt, dueAt: new Date() });
  await context.schedule.wakeUp(saga.streamName);
}

function operator(): string {
  return `operator:${userInfo().username}`;
}
