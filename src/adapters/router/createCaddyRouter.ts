import { caddyAdminRequest } from './caddyAdminRequest';
import { ensureCaddyServer, type CaddyServerSettings } from './ensureCaddyServer';
import type { Router } from './router';

/**
 * Routes through Caddy's admin API, one route per instance addressed by its `@id`, so adding is
 * replace-or-append and removing is one DELETE, without reading or rewriting the whole config.
 */
export function createCaddyRouter(settings: CaddyServerSettings): Router {
  const routeId = (instanceId: string) => `instance-${instanceId}`;
  let bootstrapped: Promise<void> | null = null;
  const bootstrap = () => {
    // Once per process; a failed attempt is retried on the next call.
    bootstrapped ??= ensureCaddyServer(settings).catch((error: unknown) => {
      bootstrapped = null;
      throw error;
    });
    return bootstrapped;
  };
  return {
    kind: 'caddy',
    async addRoute(instanceId, host, upstream) {
      await bootstrap();
      const route = {
        '@id': routeId(instanceId),
        match: [{ host: [host] }],
        handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: upstream }] }],
        terminal: true,
      };
      // Unchanged: leave Caddy alone (every config change makes it swap servers).
      const current = await caddyAdminRequest(settings.adminUrl, 'GET', `/id/${routeId(instanceId)}`);
      if (current !== null && canonicalJson(current.json) === canonicalJson(route)) return;
      // An @id must be unique in Caddy's config: replace the route if it exists, else append it.
      const replaced = await caddyAdminRequest(settings.adminUrl, 'PATCH', `/id/${routeId(instanceId)}`, route);
      if (replaced === null) {
        await caddyAdminRequest(settings.adminUrl, 'POST', `/config/apps/http/servers/${settings.serverName}/routes`, route);
      }
    },
    async removeRoute(instanceId) {
      await caddyAdminRequest(settings.adminUrl, 'DELETE', `/id/${routeId(instanceId)}`); // absent = done
    },
  };
}

/** JSON with sorted keys: Caddy answers its config with Go's key order, not ours. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
