import type { CommandResult } from '../commands/commandEnvelope';

export interface LoggedCommand {
  commandType: string;
  /** Hash of type + validated data: tells a true repeat from a reused key. Null when unknown
   * (events written before fingerprints were recorded). */
  fingerprint: string | null;
  result: CommandResult;
  /** When the command was first handled (null when unknown): client keys expire counting from it. */
  recordedAt: Date | null;
}

/** Port: remembers each command's first result by commandId (the idempotency key). */
export interface CommandLog {
  find(commandId: string): Promise<LoggedCommand | null>;
  /** First write wins. `appendedEvents` says the result's events (which carry `commandId` and
   * `commandType` in their metadata) are already in the store: a log that can find commands
   * through those events may skip the write, saving a commit per command. */
  record(commandId: string, entry: Omit<LoggedCommand, 'recordedAt'> & { fingerprint: string }, appendedEvents: boolean): Promise<void>;
}
