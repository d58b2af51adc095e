import { WrongExpectedVersionError } from '../../adapters/eventstore/eventStore';
import { CommandValidationError, ConcurrencyConflictError, IdempotencyKeyReusedError, UnknownCommandTypeError, type FieldProblem } from '../../commands/commandErrors';
import { DomainError, NotFoundError } from '../../domain/shared/decider';

/** RFC 9457 problem details; `type` is stable per kind of error so clients can branch on it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldProblem[];
}

export const problemTypeBase = 'https://errors.platform.local/';

/** Maps the pipeline's errors to problems, shared by HTTP and AMQP. Unknown errors become a 500
 * that reveals nothing of the internals (the cause is logged, never sent). */
export function problemFromError(error: unknown): Problem {
  if (error instanceof CommandValidationError) {
    return problem('validation', 'Invalid command', 400, error.message, { errors: error.fields });
  }
  if (error instanceof UnknownCommandTypeError) {
    return problem('unknown-command', 'Unknown command type', 400, error.message);
  }
  if (error instanceof NotFoundError) {
    return problem('not-found', 'Not found', 404, error.message);
  }
  if (error instanceof DomainError) {
    return problem('invalid-transition', 'Not allowed in the current state', 409, error.message, { code: error.code });
  }
  if (error instanceof WrongExpectedVersionError || error instanceof ConcurrencyConflictError) {
    return problem('version-conflict', 'Concurrent modification', 409, `${error.message}; read the resource again and retry`);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return problem('idempotency-key-reused', 'Idempotency key reused', 422, error.message);
  }
  return problem('internal', 'Internal error', 500, 'Something went wrong on our side; it has been logged.');
}

export function problem(kind: string, title: string, status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `${problemTypeBase}${kind}`, title, status, detail, ...extra };
}
