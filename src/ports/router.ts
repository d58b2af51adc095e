
/**
 * Sends <subdomain>.<baseDomain> to an instance. Sagas call addRoute when an instance is running and
 * removeRoute when it stops or is deleted; both are idempotent. `upstream` is host:port as the router
 * reaches the instance's HTTP port.
 */
export interface Router {
  readonly kind: 'traefik' | 'caddy';
  addRoute(instanceId: string, host: string, upstream: string): Promise<void>;
  removeRoute(instanceId: string): Promise<void>;
  /** The instance's host answers a small "stopped" or "deleted" page instead of the instance. */
  showUnavailable(instanceId: string, host: string, state: UnavailableState): Promise<void>;
}

/** `suspended`: stopped by billing for an unpaid invoice (docs/decisions/052). */
export type UnavailableState = 'stopped' | 'deleted' | 'suspended';
