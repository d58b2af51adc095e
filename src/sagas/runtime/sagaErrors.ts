/** Retrying cannot help (bad input, a name taken by someone else): compensate at once. */
export class PermanentSagaError extends Error {
  /** What the tenant is told when the message itself (operators') names internals such as an address. */
  readonly publicReason: string | undefined;

  constructor(message: string, options?: { cause?: unknown; publicReason?: string }) {
    super(message, options);
    this.name = 'PermanentSagaError';
    this.publicReason = options?.publicReason;
  }
}

/** Thrown by a step that must wait (a grace period): the saga sleeps until `until`, not failing. */
export class SagaDeferral extends Error {
  constructor(readonly until: Date, readonly reason: string) {
    super(`deferred until ${until.toISOString()}: ${reason}`);
    this.name = 'SagaDeferral';
  }
}

export class StepTimeoutError extends Error {
  constructor(readonly step: string, readonly timeoutMs: number) {
    super(`step ${step} did not finish within ${timeoutMs} ms`);
    this.name = 'StepTimeoutError';
  }
}

/** An open circuit breaker (src/adapters/resilience BreakerOpenError, or opossum's own): pause the
 * saga and try later instead of burning attempts against a service known to be down. Matched by
 * name/code so this module does not depend on the adapter. */
export function isBreakerOpen(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | null;
  return e?.name === 'BreakerOpenError' || e?.code === 'EOPENBREAKER';
}

/** What goes into events and logs: the error's own message, bounded. Adapters never put secrets in
 * messages (passwords travel as parameters), and this is the only place errors are recorded. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** What the failure fact (InstanceProvisioningFailed, BackupFailed, RestoreFailed: shown to the tenant
 * and mailed) says: the platform's own words for the cases it foresaw, and for anything else (Docker,
 * PostgreSQL, a router) no text of the component's at all. The raw error stays in the saga's
 * SagaStepFailed (operators: `sagas show`) and the log (docs/security.md). */
export function tenantSafeReason(error: unknown): string {
  if (error instanceof PermanentSagaError && error.publicReason !== undefined) return error.publicReason;
  const ours = error instanceof PermanentSagaError || error instanceof StepTimeoutError
    || (error as { tenantVisible?: unknown } | null)?.tenantVisible === true;
  return ours ? describeError(error) : 'an internal error; the platform\'s operators have the details';
}
