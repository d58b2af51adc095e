import { CommandValidationError } from '../../commands/commandErrors';
import { DomainError, NotFoundError } from '../../domain/shared/decider';
import { PermanentSagaError } from '../runtime/sagaErrors';

/** A command the aggregate refuses (invalid now, unknown target, bad data) will be refused again:
 * compensate at once instead of retrying. Anything else (database down, conflict) stays transient. */
export function permanentIfRefused(prefix: string) {
  return (error: unknown): never => {
    if (error instanceof DomainError || error instanceof NotFoundError || error instanceof CommandValidationError) {
      throw new PermanentSagaError(`${prefix}: ${error.message}`, { cause: error });
    }
    throw error;
  };
}
