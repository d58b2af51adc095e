import type { Config } from '../../config';
import { createCaddyRouter } from './createCaddyRouter';
import { createTraefikRouter } from './createTraefikRouter';
import type { Router } from './router';

export function createRouter(config: Config): Router {
  if (config.ROUTER === 'traefik') return createTraefikRouter();
  return createCaddyRouter({
    adminUrl: config.CADDY_ADMIN_URL,
    serverName: config.CADDY_SERVER_NAME,
    listen: config.CADDY_HTTP_LISTEN,
    automaticHttps: false,
  });
}
