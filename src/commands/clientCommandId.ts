import { createHash } from 'node:crypto';

const prefix = 'ik-';

/** The commandId a client's Idempotency-Key stands for: the key within its caller's scope (the
 * principal, or an anonymous request's identity fields), so another caller sending the same key
 * names another command and never gets the first caller's result (docs/decisions/040). A digest:
 * neither the key nor the scope (an email) is readable from the ids events carry. */
export function clientCommandId(scope: string, idempotencyKey: string): string {
  return `${prefix}${createHash('sha256').update(`${scope}\n${idempotencyKey}`).digest('base64url')}`;
}

/** Whether a commandId came from a client's key (those expire; the platform's own ids do not:
 * a saga resumed after days must still find the result of the command it sent). */
export function isClientCommandId(commandId: string): boolean {
  return commandId.startsWith(prefix);
}
