// odoo.service: the `common`, `object` and `db` RPC services, and the database listing/filtering
// (odoo.http.db_list / db_filter, odoo.service.db.list_dbs) the web routes share.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Options, str, truthy } from './config';
import { OperationalError, type Pools } from './db';
import { logger } from './log';
import { LANGUAGES } from './modules';
import { AccessDenied, callKw, OdooError, PythonError } from './orm';
import { type MasterPassword, type Registries, type Release } from './registry';
import { type RpcValue } from './xmlrpc';
import { zipStore } from './zip';

const dbLog = logger('odoo.service.db');

export interface ServerContext {
  options: Options;
  release: Release;
  pools: Pools;
  registries: Registries;
  master: MasterPassword;
  rcfile: string;
  dataDir: string;
}

export class DatabaseManagementBlocked extends AccessDenied {
  constructor() {
    super('Database management functions blocked, admin disabled database listing.');
  }
}

function checkDbManagementEnabled(ctx: ServerContext): void {
  if (!truthy(ctx.options.list_db)) throw new DatabaseManagementBlocked();
}

export function versionInfo(release: Release): Record<string, RpcValue> {
  return {
    server_version: release.version,
    server_version_info: [...release.versionInfo],
    server_serie: release.serie,
    protocol_version: 1,
  };
}

// ---- database listing ---------------------------------------------------------------------------------

/** odoo.service.db.list_dbs */
export async function listDbs(ctx: ServerContext, force: boolean): Promise<string[]> {
  if (!truthy(ctx.options.list_db) && !force) throw new AccessDenied();
  if (!str(ctx.options.dbfilter) && str(ctx.options.db_name)) {
    return str(ctx.options.db_name)
      .split(',')
      .map((d) => d.trim())
      .sort();
  }
  const templates = [...new Set(['postgres', str(ctx.options.db_template) || 'template0'])];
  const client = await ctx.pools.client('postgres');
  try {
    const { rows } = await client.query(
      `SELECT datname FROM pg_database
        WHERE datdba = (SELECT usesysid FROM pg_user WHERE usename = current_user)
          AND NOT datistemplate AND datallowconn AND datname <> ALL($1) ORDER BY datname`,
      [templates],
    );
    return rows.map((r: { datname: string }) => r.datname);
  } catch (error) {
    dbLog.error(null, `Listing databases failed: ${(error as Error).message}`);
    return [];
  } finally {
    client.release();
  }
}

function reEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\\-#&~ ]/g, '\\$&');
}

/** odoo.http.db_filter: dbfilter is a Python regex matched at the start; %h is the host, %d its first label. */
export function dbFilter(ctx: ServerContext, dbs: string[], hostHeader: string): string[] {
  const dbfilter = str(ctx.options.dbfilter);
  if (dbfilter) {
    let host = hostHeader.split(':')[0] ?? '';
    if (host.startsWith('www.')) host = host.slice(4);
    const domain = host.split('.')[0] ?? '';
    const pattern = dbfilter.split('%h').join(reEscape(host)).split('%d').join(reEscape(domain));
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${pattern})`);
    } catch {
      return [];
    }
    return dbs.filter((db) => re.test(db));
  }
  if (str(ctx.options.db_name)) {
    const exposed = new Set(
      str(ctx.options.db_name)
        .split(',')
        .map((d) => d.trim()),
    );
    return dbs.filter((db) => exposed.has(db)).sort();
  }
  return [...dbs];
}

/** odoo.http.db_list: connection failures mean "no database". */
export async function dbList(ctx: ServerContext, force: boolean, host: string): Promise<string[]> {
  let dbs: string[];
  try {
    dbs = await listDbs(ctx, force);
  } catch (error) {
    if (error instanceof OperationalError) return [];
    throw error;
  }
  return dbFilter(ctx, dbs, host);
}

// ---- database operations --------------------------------------------------------------------------------

async function dbExist(ctx: ServerContext, name: string): Promise<boolean> {
  try {
    const client = await ctx.pools.client(name);
    client.release();
    return true;
  } catch {
    return false;
  }
}

/** odoo.service.db.exp_drop */
export async function dropDb(ctx: ServerContext, name: string): Promise<boolean> {
  checkDbManagementEnabled(ctx);
  if (!(await listDbs(ctx, true)).includes(name)) return false;
  await ctx.registries.delete(name);
  const client = await ctx.pools.client('postgres');
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]).catch(() => undefined);
    try {
      await client.query(`DROP DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (error) {
      dbLog.info(null, `DROP DB: ${name} failed:\n${(error as Error).message}`);
      throw new PythonError('Exception', `Couldn't drop database ${name}: ${(error as Error).message}`);
    }
    dbLog.info(null, `DROP DB: ${name}`);
  } finally {
    client.release();
  }
  const fs = join(ctx.dataDir, 'filestore', name);
  if (existsSync(fs)) rmSync(fs, { recursive: true, force: true });
  return true;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

/**
 * odoo.service.db.dump_db, as far as this image can: the manifest and the filestore are real; the SQL
 * part is a placeholder (the double ships no pg_dump). Never restore from it.
 */
export async function dumpDb(ctx: ServerContext, name: string, format: string): Promise<Buffer> {
  checkDbManagementEnabled(ctx);
  const registry = ctx.registries.get(name);
  const modules = await registry.withClient(async (client) => {
    const { rows } = await client.query("SELECT name, latest_version FROM ir_module_module WHERE state = 'installed'");
    return Object.fromEntries(rows.map((r: { name: string; latest_version: string }) => [r.name, r.latest_version]));
  });
  const sql = Buffer.from(`-- Odoo contract double: no pg_dump in this image; this is not a restorable dump of ${name}.\n`);
  if (format !== 'zip') return sql;
  const manifest = {
    odoo_dump: '1',
    db_name: name,
    version: ctx.release.version,
    version_info: ctx.release.versionInfo,
    major_version: ctx.release.serie,
    pg_version: '15.0',
    modules,
  };
  const filestore = join(ctx.dataDir, 'filestore', name);
  const entries = [
    { name: 'dump.sql', data: sql },
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 4)) },
    ...walk(filestore)
      .filter((f) => !relative(filestore, f).startsWith('checklist'))
      .map((f) => ({ name: `filestore/${relative(filestore, f)}`, data: readFileSync(f) })),
  ];
  return zipStore(entries);
}

// ---- RPC services -------------------------------------------------------------------------------------

export interface RpcCaller {
  source?: string;
}

function expectString(value: RpcValue | undefined, what: string): string {
  if (typeof value !== 'string') throw new PythonError('TypeError', `${what} must be a string`);
  return value;
}

async function commonService(ctx: ServerContext, method: string, params: RpcValue[], caller: RpcCaller): Promise<RpcValue> {
  switch (method) {
    case 'version':
      return versionInfo(ctx.release);
    case 'about':
      return params[0] ? ['See http://openerp.com', ctx.release.version] : 'See http://openerp.com';
    case 'login':
    case 'authenticate': {
      const [db, login, password, userAgentEnv] = params;
      const registry = ctx.registries.get(expectString(db, 'db'));
      const env = (userAgentEnv && typeof userAgentEnv === 'object' && !Array.isArray(userAgentEnv) ? userAgentEnv : {}) as Record<string, RpcValue>;
      try {
        return await registry.authenticate(String(login ?? ''), String(password ?? ''), {
          source: caller.source,
          baseLocation: typeof env.base_location === 'string' ? env.base_location : undefined,
        });
      } catch (error) {
        if (error instanceof AccessDenied) return false;
        throw error;
      }
    }
    default:
      throw new PythonError('KeyError', `'exp_${method}'`);
  }
}

async function objectService(ctx: ServerContext, method: string, params: RpcValue[], caller: RpcCaller): Promise<RpcValue> {
  const [db, rawUid, password, model, modelMethod, ...rest] = params;
  const uid = typeof rawUid === 'number' ? rawUid : typeof rawUid === 'boolean' ? Number(rawUid) : parseInt(String(rawUid), 10);
  if (Number.isNaN(uid)) throw new PythonError('ValueError', `invalid literal for int() with base 10: ${JSON.stringify(rawUid)}`);
  const registry = ctx.registries.get(expectString(db, 'db'));
  await registry.check(uid, typeof password === 'string' ? password : '', caller.source);
  let args: RpcValue[];
  let kwargs: Record<string, RpcValue>;
  if (method === 'execute_kw') {
    const [a, kw] = rest;
    if (!Array.isArray(a)) throw new PythonError('TypeError', 'execute_kw() args must be a list');
    args = a;
    kwargs = kw && typeof kw === 'object' && !Array.isArray(kw) && !Buffer.isBuffer(kw) && !(kw instanceof Date) ? (kw as Record<string, RpcValue>) : {};
  } else if (method === 'execute') {
    args = rest;
    kwargs = {};
  } else {
    throw new PythonError('NameError', `Method not available ${method}`);
  }
  return registry.withClient(
    (client) =>
      callKw({ db: registry.db, client, uid, context: {}, filestore: registry.filestore }, expectString(model, 'model'), expectString(modelMethod, 'method'), args, kwargs),
    { transaction: true },
  );
}

async function dbService(ctx: ServerContext, method: string, params: RpcValue[]): Promise<RpcValue> {
  switch (method) {
    case 'server_version':
      return ctx.release.version;
    case 'list':
      return listDbs(ctx, false);
    case 'db_exist':
      return dbExist(ctx, expectString(params[0], 'db_name'));
    case 'list_lang':
      return Object.entries(LANGUAGES).map(([code, name]) => [code, name]);
    default:
      break;
  }
  const known = ['drop', 'dump', 'change_admin_password', 'create_database', 'duplicate_database', 'restore', 'rename', 'migrate_databases', 'list_countries'];
  if (!known.includes(method)) throw new PythonError('KeyError', `'Method not found: ${method}'`);
  if (method === 'list_countries') return [];
  const [passwd, ...rest] = params;
  await ctx.master.checkSuper(passwd);
  checkDbManagementEnabled(ctx);
  switch (method) {
    case 'drop':
      return dropDb(ctx, expectString(rest[0], 'db_name'));
    case 'dump':
      return (await dumpDb(ctx, expectString(rest[0], 'db_name'), String(rest[1] ?? 'zip'))).toString('base64');
    case 'change_admin_password':
      await ctx.master.set(expectString(rest[0], 'new_password'), ctx.rcfile);
      return true;
    default:
      throw new PythonError('NotImplementedError', `db.${method} is not supported by the Odoo contract double`);
  }
}

/** odoo.http.dispatch_rpc */
export async function dispatchRpc(ctx: ServerContext, service: string, method: string, params: RpcValue[], caller: RpcCaller): Promise<RpcValue> {
  if (service === 'common') return commonService(ctx, method, params, caller);
  if (service === 'object') return objectService(ctx, method, params, caller);
  if (service === 'db') return dbService(ctx, method, params);
  throw new PythonError('KeyError', `'${service}'`);
}

/** The text Odoo puts in a fault / JSON-RPC "debug": a Python traceback ending with the exception. */
export function formatTraceback(error: unknown): string {
  const { name, message } = describeError(error);
  return `Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1, in dispatch_rpc\n    (Odoo contract double)\n${name}: ${message}\n`;
}

export function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof OdooError) return { name: error.pythonName, message: error.message };
  if (error instanceof OperationalError) return { name: 'psycopg2.OperationalError', message: error.message };
  const e = error as { code?: string; message?: string };
  if (e && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { name: 'psycopg2.errors.Error', message: e.message ?? String(error) };
  return { name: 'Exception', message: e?.message ?? String(error) };
}
