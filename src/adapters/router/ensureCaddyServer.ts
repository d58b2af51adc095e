import { caddyAdminRequest } from './caddyAdminRequest';

export interface CaddyServerSettings {
  adminUrl: string;
  serverName: string;
  /** Listener address, e.g. ":80" or "127.0.0.1:18080". */
  listen: string;
  /** Off by default: TLS is terminated in front of the platform, and on a high port Caddy would switch it to HTTPS. */
  automaticHttps: boolean;
}

/**
 * Creates the HTTP server <serverName> if the running Caddy has none, creating the missing parents
 * (apps, http, servers) on the way. An existing server is left as the operator configured it.
 */
export async function ensureCaddyServer(settings: CaddyServerSettings): Promise<void> {
  const server: Record<string, unknown> = { listen: [settings.listen], routes: [] };
  if (!settings.automaticHttps) server.automatic_https = { disable: true };
  const levels: Array<[string, unknown]> = [
    ['/config/apps', { http: { servers: { [settings.serverName]: server } } }],
    ['/config/apps/http', { servers: { [settings.serverName]: server } }],
    ['/config/apps/http/servers', { [settings.serverName]: server }],
    [`/config/apps/http/servers/${settings.serverName}`, server],
  ];
  // Walk down to the first missing level and create the rest in one PUT.
  for (const [path, value] of levels) {
    const current = await caddyAdminRequest(settings.adminUrl, 'GET', path);
    if (current === null || current.json === null) {
      await caddyAdminRequest(settings.adminUrl, 'PUT', path, value);
      return;
    }
  }
}
