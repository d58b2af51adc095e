import type { PostgresAdmin } from '../../ports/postgresAdmin';
import type { CircuitBreakerGuard } from './createCircuitBreaker';
import { guardWithBreaker } from './guardWithBreaker';

/** dump/restore hand back a running process synchronously; close is shutdown, not a call. */
export function guardPostgresAdmin(admin: PostgresAdmin, breaker: CircuitBreakerGuard): PostgresAdmin {
  return guardWithBreaker(admin, breaker, ['dump', 'restore', 'close']);
}
