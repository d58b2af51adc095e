import type { ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { CommandEnvelope, CommandResult } from '../../commands/commandEnvelope';
import { clientCommandId } from '../../commands/clientCommandId';
import { formatLogPosition } from '../../ports/logPosition';
import { problem, type Problem } from '../problems/problemFromError';

/** The body of a message on the command queue. The idempotency key is the AMQP `messageId`, within
 * the publisher's scope (clientCommandId, as HTTP's Idempotency-Key within the caller's).
 * `metadata.tenantId` is accepted for compatibility but never believed: events carry the tenant the
 * policy checked (createCommandAuthorizer). */
export const commandMessageSchema = z.object({
  type: z.string().min(1).max(200),
  data: z.unknown(),
  metadata: z
    .object({
      tenantId: z.string().max(200).optional(),
      correlationId: z.string().max(200).optional(),
      causationId: z.string().max(200).optional(),
    })
    .optional(),
});

export type CommandMessage = z.infer<typeof commandMessageSchema>;

/** What the caller gets on `replyTo`, with the command's `correlationId`. */
export type CommandReply = { ok: true; result: PresentedCommandResult } | { ok: false; problem: Problem };

export interface PresentedCommandResult {
  commandId: string;
  streamName: string;
  nextExpectedVersion: number;
  /** "<transactionId>.<globalPosition>", usable as `minPosition` on the HTTP query routes. */
  position: string | null;
}

/** A message that cannot be a command at all: it gets a problem reply and goes to the DLQ. */
export class MalformedCommandMessageError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'MalformedCommandMessageError';
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The command a message carries, acting as `actor` (the publisher's principal, never the body). */
export function commandEnvelopeFromMessage(message: ConsumeMessage, actor: string): CommandEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(message.content.toString('utf8'));
  } catch {
    throw new MalformedCommandMessageError(problem('malformed-message', 'Malformed command message', 400, 'The message body is not JSON'));
  }
  const parsed = commandMessageSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new MalformedCommandMessageError(
      problem('malformed-message', 'Malformed command message', 400, 'The body must be {"type", "data", "metadata"?}', { errors }),
    );
  }
  const commandId = message.properties.messageId as string | undefined;
  if (!commandId || typeof commandId !== 'string') {
    throw new MalformedCommandMessageError(problem('malformed-message', 'Malformed command message', 400, 'The messageId property is required: it is the idempotency key'));
  }
  const { type, data, metadata = {} } = parsed.data;
  return {
    type,
    data,
    metadata: {
      // Another publisher reusing this messageId names another command: it neither gets this one's
      // result nor blocks it with "key reused" (docs/decisions/040).
      commandId: clientCommandId(actor, commandId),
      actor,
      correlationId: metadata.correlationId ?? (message.properties.correlationId as string | undefined) ?? commandId,
      // A causation is an id of ours (an event's or a command's); free text would be written into
      // every event's metadata as if the platform had said it.
      ...(metadata.causationId && uuid.test(metadata.causationId) ? { causationId: metadata.causationId } : {}),
    },
  };
}

export function presentCommandResult(result: CommandResult): PresentedCommandResult {
  return {
    commandId: result.commandId,
    streamName: result.streamName,
    nextExpectedVersion: result.nextExpectedVersion,
    position: result.position ? formatLogPosition(result.position) : null,
  };
}
