import { caddyAdminRequest } from './caddyAdminRequest';
import { ensureCaddyServer, type CaddyServerSettings } from './ensureCaddyServer';
import { closedOdooPathPrefixes } from '../../domain/instance/closedOdooPaths';
import type { Router } from '../../ports/router';
import { unavailablePage } from '../../ports/unavailablePage';

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
  /** Replace-or-append of the instance's one route, left alone when unchanged. */
  const putRoute = async (instanceId: string, route: Record<string, unknown>) => {
    await bootstrap();
    // Unchanged: leave Caddy alone (every config change makes it swap servers).
    const current = await caddyAdminRequest(settings.adminUrl, 'GET', `/id/${routeId(instanceId)}`);
    if (current !== null && canonicalJson(current.json) === canonicalJson(route)) return;
    // An @id must be unique in Caddy's config: replace the route if it exists, else append it.
    const replaced = await caddyAdminRequest(settings.adminUrl, 'PATCH', `/id/${routeId(instanceId)}`, route);
    if (replaced === null) {
      await caddyAdminRequest(settings.adminUrl, 'POST', `/config/apps/http/servers/${settings.serverName}/routes`, route);
    }
  };
  return {
    kind: 'caddy',
    async addRoute(instanceId, host, upstream) {
      const route = {
        '@id': routeId(instanceId),
        match: [{ host: [host] }],
        handle: [{
          handler: 'subroute',
          routes: [
            {
              match: [{ path: closedOdooPathPrefixes.flatMap((prefix) => [prefix, `${prefix}/*`]) }],
              handle: [{ handler: 'static_response', status_code: 404, body: 'Not found' }],
              terminal: true,
            },
            { handle: [{ handler: 'reverse_proxy', upstreams: [{ dial: upstream }] }] },
          ],
        }],
        terminal: true,
      };
      await putRoute(instanceId, route);
    },
    async showUnavailable(instanceId, host, state) {
      const page = unavailablePage(state);
      await putRoute(instanceId, {
        '@id': routeId(instanceId),
        match: [{ host: [host] }],
        handle: [{
          handler: 'static_response', status_code: page.status, body: page.html,
          headers: { 'Content-Type': ['text/html; charset=utf-8'], 'Cache-Control': ['no-store'] },
        }],
        terminal: true,
      });
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
