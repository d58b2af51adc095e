export interface OdooServerSettings {
  database: string;
  /** passlib hash (hashMasterPassword). */
  masterPasswordHash: string;
  workers: number;
  memoryLimitBytes: number;
}

/**
 * The instance's /etc/odoo/odoo.conf. The database connection stays in the image's env (HOST, PORT,
 * USER, PASSWORD): its entrypoint passes those on unless this file sets them.
 * - list_db = False: no database manager, no database list, on any route.
 * - dbfilter = ^<db>$ and db_name: this instance's database and no other.
 * - proxy_mode = True: the router's X-Forwarded-Host/-Proto are the request's (https URLs).
 * - admin_passwd: a random master password, hashed; the plain one lives only in the secrets table.
 * - workers/limits: from the plan; the hard limit under the container's, so Odoo recycles a worker
 *   before the kernel kills the container.
 */
export function renderOdooConfig(settings: OdooServerSettings): string {
  const hard = Math.floor(settings.memoryLimitBytes * 0.9);
  const soft = Math.floor(settings.memoryLimitBytes * 0.75);
  return [
    '[options]',
    'data_dir = /var/lib/odoo',
    'addons_path = /mnt/extra-addons',
    `db_name = ${settings.database}`,
    `dbfilter = ^${settings.database}$`,
    'list_db = False',
    'proxy_mode = True',
    `admin_passwd = ${settings.masterPasswordHash}`,
    `workers = ${settings.workers}`,
    'max_cron_threads = 1',
    `limit_memory_soft = ${soft}`,
    `limit_memory_hard = ${hard}`,
    '',
  ].join('\n');
}
