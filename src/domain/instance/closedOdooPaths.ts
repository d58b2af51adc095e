/** Odoo paths no instance route ever serves, whatever Odoo itself would answer: its database manager
 * (list, backup, drop, restore, master password) and the XML-RPC `db` service. Odoo closes them with
 * list_db = False and a random master password already; the router closing them too means a
 * misconfigured or replaced image still exposes nothing (docs/security.md). */
export const closedOdooPathPrefixes = ['/web/database', '/xmlrpc/db', '/xmlrpc/2/db'] as const;
