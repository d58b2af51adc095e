import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { AmqpConnectionManager } from 'amqp-connection-manager';
import type { Logger } from 'pino';
import { commandIngressGroup, type BusNames } from '../../adapters/bus/busNames';
import { consumeReliably, type ReliableConsumer } from '../../adapters/bus/consumeReliably';
import { declareReliableQueue } from '../../adapters/bus/declareReliableQueue';
import { PermanentMessageError } from '../../adapters/bus/permanentMessageError';
import { CommandValidationError, UnknownCommandTypeError } from '../../commands/commandErrors';
import type { CommandEnvelope } from '../../commands/commandEnvelope';
import type { HandleCommand } from '../../commands/handleCommand';
import { problemFromError } from '../problems/problemFromError';
import { commandEnvelopeFromMessage, MalformedCommandMessageError, presentCommandResult, type CommandReply } from './commandMessage';

export interface CommandIngressDeps {
  connection: AmqpConnectionManager;
  names: BusNames;
  handleCommand: HandleCommand;
  /** The identity every command acts as (AMQP_COMMAND_IDENTITY); default `system:amqp`. */
  actor?: string;
  /** Policy check before the pipeline (createCommandAuthorizer): returns the envelope to run, with
   * the actor it decided; throws ForbiddenError and friends, answered as problems. */
  authorize?(envelope: CommandEnvelope): Promise<CommandEnvelope>;
  prefetch: number;
  /** Commands are independent (the pipeline settles conflicts), so several run at once. */
  concurrency: number;
  deliveryLimit: number;
  retryDelaysMs: number[];
  confirmTimeoutMs?: number;
  logger?: Logger;
}

/** AMQP command ingress (ARCHITECTURE §6): the same envelope, schemas and pipeline as HTTP; the
 * outcome goes to `replyTo` under the caller's `correlationId`. Messages that can never succeed
 * (not JSON, unknown type, invalid data) get a problem reply and go to the DLQ; a refused command
 * (domain rule, conflict, not found) is an answer, not a failure; an internal error is retried. */
export function startCommandIngress(deps: CommandIngressDeps): ReliableConsumer {
  const log = deps.logger?.child({ component: 'command-ingress' });

  const reply = (channel: ConfirmChannel, message: ConsumeMessage, body: CommandReply): void => {
    const { replyTo, correlationId, messageId } = message.properties;
    if (!replyTo) return;
    // Not awaited: a reply is not durable (direct reply-to), and a caller that left loses nothing
    // by it — repeating the command with the same messageId returns the same result.
    try {
      channel.publish('', replyTo as string, Buffer.from(JSON.stringify(body)), {
        correlationId: (correlationId as string | undefined) ?? (messageId as string | undefined),
        contentType: 'application/json',
        type: body.ok ? 'CommandAccepted' : 'CommandRejected',
      });
    } catch (error) {
      log?.warn({ error: (error as Error).message }, 'could not send a command reply');
    }
  };

  return consumeReliably({
    connection: deps.connection,
    names: deps.names,
    group: commandIngressGroup,
    queue: deps.names.commandQueue,
    declare: (channel) =>
      declareReliableQueue(channel, deps.names, { group: commandIngressGroup, queue: deps.names.commandQueue, deliveryLimit: deps.deliveryLimit, retryDelaysMs: deps.retryDelaysMs }),
    prefetch: deps.prefetch,
    concurrency: deps.concurrency,
    deliveryLimit: deps.deliveryLimit,
    retryDelaysMs: deps.retryDelaysMs,
    confirmTimeoutMs: deps.confirmTimeoutMs,
    logger: deps.logger,
    async handle(message, { channel }) {
      let envelope: CommandEnvelope;
      try {
        envelope = commandEnvelopeFromMessage(message, deps.actor);
      } catch (error) {
        const problem = (error as MalformedCommandMessageError).problem;
        reply(channel, message, { ok: false, problem });
        throw new PermanentMessageError(problem.detail);
      }
      try {
        const result = await deps.handleCommand(deps.authorize ? await deps.authorize(envelope) : envelope);
        reply(channel, message, { ok: true, result: presentCommandResult(result) });
        return 'handled';
      } catch (error) {
        const problem = problemFromError(error);
        if (error instanceof CommandValidationError || error instanceof UnknownCommandTypeError) {
          reply(channel, message, { ok: false, problem });
          throw new PermanentMessageError(error.message);
        }
        if (problem.status >= 500) throw error;
        reply(channel, message, { ok: false, problem });
        return 'rejected';
      }
    },
    async onDeadLetter(message, error, channel) {
      // Permanent failures were answered already; this is a command that kept failing internally.
      if (!(error instanceof PermanentMessageError)) reply(channel, message, { ok: false, problem: problemFromError(error) });
    },
  });
}
