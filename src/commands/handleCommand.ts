import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '../ports/eventStore';
import { appendConflictsTotal, commandDurationSeconds, commandsTotal, eventsAppendedTotal } from '../observability/metrics';
import { commandFingerprint } from './commandFingerprint';
import type { CommandEnvelope, CommandResult } from './commandEnvelope';
import { isClientCommandId } from './clientCommandId';
import { CommandValidationError, ConcurrencyConflictError, IdempotencyKeyExpiredError, IdempotencyKeyReusedError, UnknownCommandTypeError } from './commandErrors';
import type { CommandHandlerSpec } from './commandHandlerSpec';
import type { CommandLog } from '../ports/commandLog';
import { newAggregateId } from './newAggregateId';

export interface CommandPipelineDeps {
  store: EventStore;
  commandLog: CommandLog;
  handlers: Record<string, CommandHandlerSpec>;
  /** Attempts after the first on a version conflict before giving up with 409. */
  conflictRetries: number;
  /** How long a client's idempotency key (clientCommandId) gets its first result back; default 24 h. */
  clientKeyTtlMs?: number;
  now?: () => Date;
}

const defaultClientKeyTtlMs = 24 * 3600_000;

export type HandleCommand = (envelope: CommandEnvelope) => Promise<CommandResult>;

/** load stream → fold evolve → decide → append with the version read (docs/architecture.md, Write side). */
export function createCommandPipeline(deps: CommandPipelineDeps): HandleCommand {
  const now = deps.now ?? (() => new Date());

  return async function handleCommand(envelope) {
    const stopTimer = commandDurationSeconds.startTimer({ type: envelope.type });
    try {
      const result = await run(envelope);
      commandsTotal.inc({ type: envelope.type, outcome: 'accepted' });
      return result;
    } catch (error) {
      commandsTotal.inc({ type: envelope.type, outcome: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      stopTimer();
    }
  };

  async function run({ type, data, metadata }: CommandEnvelope): Promise<CommandResult> {
    const spec = Object.hasOwn(deps.handlers, type) ? deps.handlers[type] : undefined;
    if (!spec) throw new UnknownCommandTypeError(type);
    const parsed = spec.schema.safeParse(data);
    if (!parsed.success) {
      throw new CommandValidationError(type, parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }

    const fingerprint = commandFingerprint(type, parsed.data);
    const command = spec.toCommand(parsed.data, metadata, () => newAggregateId(metadata.commandId));
    const streamName = `${spec.category}-${spec.aggregateId(command)}`;
    // The log lookup and the first stream read are independent: one round trip of latency, not two.
    const [logged, firstRead] = await Promise.all([deps.commandLog.find(metadata.commandId), deps.store.readStream(streamName)]);
    if (logged) {
      const ttlMs = deps.clientKeyTtlMs ?? defaultClientKeyTtlMs;
      if (isClientCommandId(metadata.commandId) && logged.recordedAt && now().getTime() - logged.recordedAt.getTime() > ttlMs) {
        throw new IdempotencyKeyExpiredError(metadata.commandId, ttlMs / 3600_000);
      }
      const reused = logged.commandType !== type || (logged.fingerprint !== null && logged.fingerprint !== fingerprint);
      if (reused) throw new IdempotencyKeyReusedError(metadata.commandId);
      return logged.result;
    }

    for (let attempt = 0; attempt <= deps.conflictRetries; attempt += 1) {
      const history = attempt === 0 ? firstRead : await deps.store.readStream(streamName);
      const alreadyApplied = resultFromHistory(metadata.commandId, streamName, history);
      if (alreadyApplied) {
        await deps.commandLog.record(metadata.commandId, { commandType: type, fingerprint, result: alreadyApplied }, true);
        return alreadyApplied;
      }

      const state = history.reduce((s, e) => spec.decider.evolve(s, e as never), spec.decider.initialState());
      const newEvents = spec.decider.decide(command, state);
      if (attempt === 0 && newEvents.length > 0) await spec.precondition?.(command, deps.store);
      const version = history.length === 0 ? -1 : history[history.length - 1]!.streamPosition;

      let result: CommandResult;
      if (newEvents.length === 0) {
        const last = history[history.length - 1];
        result = { commandId: metadata.commandId, streamName, nextExpectedVersion: version, position: last?.position ?? null };
      } else {
        const occurredAt = now().toISOString();
        try {
          const appended = await deps.store.appendToStream(
            streamName,
            newEvents.map((event) => ({
              type: event.type,
              data: event.data,
              metadata: {
                commandId: metadata.commandId,
                commandType: type,
                commandFingerprint: fingerprint,
                correlationId: metadata.correlationId,
                causationId: metadata.causationId ?? metadata.commandId,
                actor: metadata.actor,
                ...(metadata.tenantId ? { tenantId: metadata.tenantId } : {}),
                occurredAt,
                schemaVersion: 1,
              },
            })),
            { expectedVersion: version === -1 ? 'no_stream' : version },
          );
          eventsAppendedTotal.inc({ category: spec.category }, newEvents.length);
          result = { commandId: metadata.commandId, streamName, ...appended };
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) {
            appendConflictsTotal.inc();
            continue;
          }
          throw error;
        }
      }
      await deps.commandLog.record(metadata.commandId, { commandType: type, fingerprint, result }, newEvents.length > 0);
      return result;
    }
    throw new ConcurrencyConflictError(streamName, deps.conflictRetries + 1);
  }
}

/** A command whose events are already in its stream (crash after append, before the log write). */
function resultFromHistory(commandId: string, streamName: string, history: RecordedEvent[]): CommandResult | null {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const event = history[i]!;
    if (event.metadata.commandId === commandId) {
      return { commandId, streamName, nextExpectedVersion: event.streamPosition, position: event.position };
    }
  }
  return null;
}
