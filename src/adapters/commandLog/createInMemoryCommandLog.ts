import type { CommandLog, LoggedCommand } from '../../ports/commandLog';

export function createInMemoryCommandLog(): CommandLog {
  const entries = new Map<string, LoggedCommand>();
  return {
    async find(commandId) {
      return entries.get(commandId) ?? null;
    },
    async record(commandId, entry) {
      if (!entries.has(commandId)) entries.set(commandId, { ...structuredClone(entry), recordedAt: new Date() });
    },
  };
}
