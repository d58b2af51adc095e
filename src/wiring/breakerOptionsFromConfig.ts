import type { Config } from '../config';
import type { CircuitBreakerOptions } from '../adapters/resilience/createCircuitBreaker';

export function breakerOptionsFromConfig(config: Config): CircuitBreakerOptions {
  return {
    errorThresholdPercentage: config.BREAKER_ERROR_THRESHOLD_PERCENT,
    volumeThreshold: config.BREAKER_VOLUME_THRESHOLD,
    resetTimeoutMs: config.BREAKER_RESET_TIMEOUT_MS,
    callTimeoutMs: config.BREAKER_CALL_TIMEOUT_MS,
  };
}
