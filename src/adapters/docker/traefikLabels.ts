import { closedOdooPathPrefixes } from '../../domain/instance/closedOdooPaths';

// Traefik's Docker provider builds its routing table from these labels, so a container carries its
// own route: created with the container, gone when it stops (docs/architecture.md, Instances).
export function traefikLabels(args: {
  router: string;
  host: string;
  network: string;
  entrypoint: string;
  httpPort: number;
}): Record<string, string> {
  const { router, host, network, entrypoint, httpPort } = args;
  return {
    'traefik.enable': 'true',
    // Containers on several networks: tell Traefik which one reaches Odoo.
    'traefik.docker.network': network,
    // Paths no instance serves have no router: Traefik answers them 404 itself.
    [`traefik.http.routers.${router}.rule`]: [`Host(\`${host}\`)`, ...closedOdooPathPrefixes.map((prefix) => `!PathPrefix(\`${prefix}\`)`)].join(' && '),
    [`traefik.http.routers.${router}.entrypoints`]: entrypoint,
    [`traefik.http.routers.${router}.service`]: router,
    [`traefik.http.services.${router}.loadbalancer.server.port`]: String(httpPort),
  };
}
