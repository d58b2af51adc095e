import type { Router } from '../../ports/router';

/**
 * With Traefik the route is part of the container: its labels (traefikLabels, set by ensureContainer)
 * are read by Traefik's Docker provider, which adds the route when the container runs and drops it
 * when it stops or is removed. There is nothing to call at run time, and doing something here would
 * create a second source of truth that could disagree with the labels.
 */
export function createTraefikRouter(): Router {
  return {
    kind: 'traefik',
    addRoute: async () => undefined,
    removeRoute: async () => undefined,
    // A stopped container has no labels in force: the compose stack's catch-all router sends its host
    // to the API's unavailable page (docker-compose.yml, GET /instance-unavailable).
    showUnavailable: async () => undefined,
  };
}
