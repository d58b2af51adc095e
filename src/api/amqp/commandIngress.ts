import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Logger } from 'pino';
import type { CommandMessageHandler } from '../../ports/commandQueue';
import { PermanentMessageError } from '../../ports/eventConsumer';
import { CommandValidationError, UnknownCommandTypeError } from '../../commands/commandErrors';
import type { CommandEnvelope } from '../../commands/commandEnvelope';
import type { HandleCommand } from '../../commands/handleCommand';
import { actorOf, type Principal } from '../../domain/authorization/principal';
import type { AuthorizeCommand } from '../authorization/createCommandAuthorizer';
import { problem, problemFromError, type Problem } from '../problems/problemFromError';
import { commandEnvelopeFromMessage, MalformedCommandMessageError, presentCommandResult, type CommandReply } from './commandMessage';
import { isDirectReplyTo } from './isDirectReplyTo';

export interface CommandIngressDeps {
  handleCommand: HandleCommand;
  /** Broker user → principal (AMQP_PUBLISHERS): the only publishers whose commands run. */
  publishers: Readonly<Record<string, Principal>>;
  /** Policy check before the pipeline (createCommandAuthorizer): returns the envelope to run, with
   * the actor it decided; throws ForbiddenError and friends, answered as problems. Without it a
   * command runs as its publisher with no policy (tests of the ingress itself). */
  authorize?: AuthorizeCommand;
  logger?: Logger;
}

/** AMQP command ingress (docs/decisions/014, 027): the same envelope, schemas and pipeline as HTTP,
 * acting as the publisher the broker vouches for (user_id); the outcome goes to the caller's direct
 * reply-to under its `correlationId`. Messages that can never succeed (no or unknown publisher, a
 * replyTo that is not direct reply-to, not JSON, unknown type, invalid data) go to the DLQ, with a
 * problem reply where one can be sent; a refused command (domain rule, conflict, not found) is an
 * answer, not a failure; an internal error is retried, and its reply never carries its text. */
export function commandIngress(deps: CommandIngressDeps): CommandMessageHandler {
  const log = deps.logger?.child({ component: 'command-ingress' });

  const reply = (channel: ConfirmChannel, message: ConsumeMessage, body: CommandReply): void => {
    const { replyTo, correlationId, messageId } = message.properties;
    if (!isDirectReplyTo(replyTo)) return;
    // Not awaited: a reply is not durable (direct reply-to), and a caller that left loses nothing
    // by it — repeating the command with the same messageId returns the same result.
    try {
      channel.publish('', replyTo, Buffer.from(JSON.stringify(body)), {
        correlationId: (correlationId as string | undefined) ?? (messageId as string | undefined),
        contentType: 'application/json',
        type: body.ok ? 'CommandAccepted' : 'CommandRejected',
      });
    } catch (error) {
      log?.warn({ err: error }, 'could not send a command reply');
    }
  };

  return {
    async handle(message, { channel, publisher }) {
      const refuse = (refusal: Problem): never => {
        reply(channel, message, { ok: false, problem: refusal });
        throw new PermanentMessageError(refusal.detail);
      };
      if (message.properties.replyTo !== undefined && !isDirectReplyTo(message.properties.replyTo)) {
        throw new PermanentMessageError('replyTo must be amq.rabbitmq.reply-to (direct reply-to)');
      }
      if (!publisher) return refuse(problem('unauthenticated', 'Not signed in', 401, 'Publish with the user_id property set to your broker user'));
      const principal = Object.hasOwn(deps.publishers, publisher) ? deps.publishers[publisher] : undefined;
      if (!principal) {
        log?.warn({ publisher, messageId: message.properties.messageId }, 'command from a broker user that is not a configured publisher');
        return refuse(problem('forbidden', 'Forbidden', 403, 'This broker user may not send commands'));
      }
      let envelope: CommandEnvelope;
      try {
        envelope = commandEnvelopeFromMessage(message, actorOf(principal));
      } catch (error) {
        return refuse((error as MalformedCommandMessageError).problem);
      }
      try {
        const result = await deps.handleCommand(deps.authorize ? await deps.authorize(principal, envelope) : envelope);
        reply(channel, message, { ok: true, result: presentCommandResult(result) });
        return 'handled';
      } catch (error) {
        const answer = problemFromError(error);
        if (error instanceof CommandValidationError || error instanceof UnknownCommandTypeError) return refuse(answer);
        if (answer.status >= 500) throw error;
        reply(channel, message, { ok: false, problem: answer });
        return 'rejected';
      }
    },
    async onDeadLetter(message, error, { channel }) {
      // Permanent failures were answered already; this is a command that kept failing internally:
      // the caller gets the generic problem and an id to quote, the operator the error in the log.
      if (!(error instanceof PermanentMessageError)) {
        const correlationId = (message.properties.correlationId as string | undefined) ?? (message.properties.messageId as string | undefined);
        log?.error({ err: error, messageId: message.properties.messageId, correlationId }, 'command failed internally; dead-lettered');
        reply(channel, message, { ok: false, problem: { ...problemFromError(error), ...(correlationId ? { correlationId } : {}) } });
      }
    },
  };
}
