import type { DockerEngine } from '../../ports/dockerEngine';
import { instanceAddress } from '../docker/instanceAddress';
import type { Router } from '../../ports/router';
import type { InstanceRouter } from '../../ports/instanceRouter';

/**
 * The sagas' InstanceRouter over the Router port; null for Traefik, which reads container labels. A
 * router on the Docker host (Caddy) reaches the container at its address on the instances network;
 * that address may change when the container restarts, so the start and restart sagas add the route
 * again (unchanged routes leave Caddy alone).
 */
export function createInstanceRouter(router: Router, docker: DockerEngine, settings: { network: string; httpPort: number }): InstanceRouter | null {
  if (router.kind === 'traefik') return null;
  return {
    async addRoute({ instanceId, host }) {
      const observed = await docker.inspect(instanceId);
      const address = instanceAddress(observed, settings.network);
      if (!address) throw new Error(`instance ${instanceId} has no address on its tenant's network to route to`);
      await router.addRoute(instanceId, host, `${address}:${settings.httpPort}`);
    },
    removeRoute: (instanceId) => router.removeRoute(instanceId),
    showUnavailable: ({ instanceId, host, state }) => router.showUnavailable(instanceId, host, state),
  };
}
