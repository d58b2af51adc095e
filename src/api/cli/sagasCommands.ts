import { userInfo } from 'node:os';
import type { SagaSchedule } from '../../ports/sagaSchedule';
import { getSaga, querySagas } from '../../projections/sagas/querySagas';
import type { SagaView } from '../../projections/sagas/sagaView';
import { requestSagaAction, type SagaAction } from '../../sagas/runtime/requestSagaAction';
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
  return request(context, id, write, { kind: 'retry' }, 'retried by an operator', 'retry requested');
}

/** `sagas cancel <id>`: the worker stops the saga at its next step and compensates what it did. */
export async function sagasCancel(context: SagaCommandContext, id: string, write: Write, reason = 'cancelled by an operator'): Promise<boolean> {
  return request(context, id, write, { kind: 'cancel' }, reason, 'cancel requested; the worker compensates');
}

async function request(context: SagaCommandContext, id: string, write: Write, action: SagaAction, reason: string, done: string): Promise<boolean> {
  const outcome = await requestSagaAction(
    { db: context.db, readModelSchema: context.config.READMODEL_SCHEMA, store: context.store, schedule: context.schedule }, id, action, { actor: operator(), reason },
  );
  switch (outcome.kind) {
    case 'not-found': write(`no saga ${id}`); return false;
    case 'finished': write(`saga ${outcome.saga.sagaId} already finished (${outcome.status}); nothing to do`); return false;
    case 'busy': write(`saga ${outcome.saga.sagaId} kept moving; try again`); return false;
    case 'requested': write(`saga ${outcome.saga.sagaId} (${outcome.saga.sagaName}): ${done}`); return true;
  }
}

function operator(): string {
  return `operator:${userInfo().username}`;
}
