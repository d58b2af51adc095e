import type { CommandResult } from './commandEnvelope';

export interface LoggedCommand {
  commandType: string;
  /** Hash of type + validated data: tells a true repeat from a reused key. */
  fingerprint: string;
  result: CommandResult;
}

/** Port: remembers each command's first result by commandId (the idempotency key). */
export interface CommandLog {
  find(commandId: string): Promise<LoggedCommand | null>;
  /** First write wins; recording an already-recorded commandId is a no-op. */
  record(commandId: string, entry: LoggedCommand): Promise<void>;
}
