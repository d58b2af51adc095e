import type { DeadLetterQueues } from '../../ports/deadLetterQueues';

export interface DlqDeps {
  /** Built by src/wiring/deadLetterQueuesFromConfig; closed by the caller. */
  queues: DeadLetterQueues;
}

/** `dlq list <consumer>`: peeks at a group's dead letters (`commands` is the command ingress). */
export async function dlqList(deps: DlqDeps, group: string, options: { limit?: number; json?: boolean }, write: (line: string) => void): Promise<number> {
  const letters = await deps.queues.list(group, options.limit !== undefined ? { limit: options.limit } : {});
  if (options.json) for (const letter of letters) write(JSON.stringify(letter));
  else {
    for (const letter of letters) {
      write(`${letter.messageId ?? '(no id)'} ${letter.type ?? ''} ${letter.reason}${letter.attempts !== null ? ` after ${letter.attempts} attempts` : ''}${letter.failedAt ? ` at ${letter.failedAt}` : ''}`);
      if (letter.error) write(`    ${letter.errorName ?? 'Error'}: ${letter.error}`);
    }
    write(`${letters.length} dead letter(s) in ${group}${options.limit !== undefined && letters.length >= options.limit ? ' (limit reached)' : ''}`);
  }
  return letters.length;
}

/** `dlq redrive <consumer> [--id <messageId>]`: moves dead letters back to the group's queue. */
export async function dlqRedrive(deps: DlqDeps, group: string, options: { id?: string }, write: (line: string) => void): Promise<number> {
  const redriven = await deps.queues.redrive(group, options.id !== undefined ? { messageId: options.id } : {});
  write(`${redriven} message(s) redriven to ${group}${options.id ? ` (id ${options.id})` : ''}`);
  return redriven;
}
