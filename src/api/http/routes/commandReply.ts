import { formatLogPosition } from '../../../ports/logPosition';
import type { CommandResult } from '../../../commands/commandEnvelope';

/** What a command route answers: the position lets the client read its write back (minPosition). */
export function commandReply(result: CommandResult) {
  return {
    commandId: result.commandId,
    streamName: result.streamName,
    nextExpectedVersion: result.nextExpectedVersion,
    position: result.position ? formatLogPosition(result.position) : null,
  };
}
