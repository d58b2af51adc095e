import { v7 } from 'uuid';
import type { IdentityDeps } from './identityDeps';

export interface AuditEvent {
  type: 'UserLoginFailed' | 'UserLoginThrottled' | 'LoginFailedForUnknownAccount' | 'RegistrationAttemptedForExistingAccount';
  data: Record<string, unknown>;
}

/** Appends a security fact (failed or throttled login, registration of a taken email) with expectedVersion 'any'. These facts guard
 * no invariant, and a burst of attempts on one account must not turn into version conflicts (409s)
 * on its stream; the command pipeline's compare-and-set is for decisions, not for audit lines
 * (decision 012). Metadata has the pipeline's shape, so auditors read them like any other event. */
export async function recordAuditEvent(deps: Pick<IdentityDeps, 'store' | 'now'>, streamName: string, event: AuditEvent, correlationId: string): Promise<void> {
  const commandId = v7();
  await deps.store.appendToStream(streamName, [{
    type: event.type,
    data: event.data,
    metadata: {
      commandId, correlationId, causationId: commandId, actor: 'system:identity', occurredAt: deps.now().toISOString(), schemaVersion: 1,
    },
  }], { expectedVersion: 'any' });
}
