/**
 * libpq `options` for every admin session inside a tenant database. The tenant owns the database and
 * its `public` schema: it can plant operators and functions there and even `ALTER DATABASE … SET
 * search_path`; a connection option overrides that setting, and with only pg_catalog (and our own
 * pg_temp) on the path no tenant object is ever resolved by name (docs/decisions/025-admin-sessions-in-tenant-databases.md).
 */
export const catalogOnlySearchPath = '-c search_path=pg_catalog,pg_temp';
