import type { DockerAdapter } from '../../adapters/docker/dockerAdapter';
import { instanceAddress } from '../../adapters/docker/instanceAddress';
import type { Router } from '../../adapters/router/router';
import type { InstanceRouter } from './instanceRouter';

/**
 * The sagas' InstanceRouter over the Router port; null for Traefik, which reads container labels. A
 * router on the Docker host (Caddy) reaches the container at its address on the instances network;
 * that address may change when the container restarts, so the start and restart sagas add the route
 * again (unchanged routes leave Caddy alone).
 */
export function instanceRouterFor(router: Router, docker: DockerAdapter, settings: { network: string; httpPort: number }): InstanceRouter | null {
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
