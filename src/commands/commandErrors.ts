export interface FieldProblem {
  path: string;
  message: string;
}

/** The command's data failed its schema (HTTP 400). */
export class CommandValidationError extends Error {
  constructor(
    readonly commandType: string,
    readonly fields: FieldProblem[],
  ) {
    super(`Invalid ${commandType}: ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ')}`);
    this.name = 'CommandValidationError';
  }
}

export class UnknownCommandTypeError extends Error {
  constructor(readonly commandType: string) {
    super(`Unknown command type ${JSON.stringify(commandType)}`);
    this.name = 'UnknownCommandTypeError';
  }
}

/** Optimistic concurrency kept failing after the bounded retries (HTTP 409). */
export class ConcurrencyConflictError extends Error {
  constructor(readonly streamName: string, readonly attempts: number) {
    super(`Stream ${streamName} kept changing concurrently; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyConflictError';
  }
}

/** The same idempotency key was sent with a different command (HTTP 422). */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly commandId: string) {
    super('This idempotency key was already used for a different command');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A client's idempotency key older than its time to live (HTTP 422): its first result is no longer
 * handed out, and it cannot start a new command either (the ids it derives are taken). */
export class IdempotencyKeyExpiredError extends Error {
  constructor(readonly commandId: string, readonly ttlHours: number) {
    super(`This idempotency key was first used more than ${ttlHours} h ago; send the request with a new key`);
    this.name = 'IdempotencyKeyExpiredError';
  }
}
