import type { UnavailableState } from './router';

/** What the sagas need of the Router port (src/adapters/router): one route per instance, by id.
 * Both calls are idempotent. Traefik reads container labels, so its adapter may do nothing here. */
export interface InstanceRouter {
  addRoute(route: { instanceId: string; host: string }): Promise<void>;
  removeRoute(instanceId: string): Promise<void>;
  /** The host answers a "stopped", "deleted" or "suspended" page (no upstream needed). */
  showUnavailable(route: { instanceId: string; host: string; state: UnavailableState }): Promise<void>;
}
