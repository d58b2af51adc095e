import type { Config } from '../config';
import { createCaddyRouter } from '../adapters/router/createCaddyRouter';
import { createTraefikRouter } from '../adapters/router/createTraefikRouter';
import type { Router } from '../ports/router';

export function routerFromConfig(config: Config): Router {
  if (config.ROUTER === 'traefik') return createTraefikRouter();
  return createCaddyRouter({
    adminUrl: config.CADDY_ADMIN_URL,
    serverName: config.CADDY_SERVER_NAME,
    listen: config.CADDY_HTTP_LISTEN,
    automaticHttps: false,
  });
}
