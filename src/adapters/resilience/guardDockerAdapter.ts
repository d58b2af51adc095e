import type { DockerEngine } from '../../ports/dockerEngine';
import type { CircuitBreakerGuard } from './createCircuitBreaker';
import { guardWithBreaker } from './guardWithBreaker';

/** waitForHealthy, runOneOff (Odoo's init) and putVolumeArchive may rightly take minutes; followEvents is long-lived. */
export function guardDockerAdapter(adapter: DockerEngine, breaker: CircuitBreakerGuard): DockerEngine {
  return guardWithBreaker(adapter, breaker, ['waitForHealthy', 'odooHttp', 'runOneOff', 'putVolumeArchive', 'followEvents', 'volumeSizes']);
}
