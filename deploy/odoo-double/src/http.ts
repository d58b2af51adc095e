// odoo.http + the web controllers the platform meets: health, login, webclient, database manager,
// XML-RPC and JSON-RPC. Sessions live in <data_dir>/sessions like Odoo's FilesystemSessionStore.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { truthy } from './config';
import { logger } from './log';
import { AccessDenied, AccessError, OdooError, userById, UserError } from './orm';
import { unhealthySwitchOn } from './testSwitches';
import { databaseManagerPage, errorPage, loginPage, NOT_FOUND_HTML, webclientPage } from './pages';
import { NotInitializedError } from './registry';
import { dbFilter, dbList, describeError, dispatchRpc, dropDb, dumpDb, formatTraceback, type ServerContext, versionInfo } from './services';
import { parseMethodCall, type RpcValue, serializeFault, serializeResponse, XmlRpcParseError } from './xmlrpc';

const httpLog = logger('odoo.http');
const werkzeugLog = logger('werkzeug');

const SESSION_LIFETIME = 60 * 60 * 24 * 7;
const CSRF_TOKEN_SALT = 60 * 60 * 24 * 365;
const MAX_BODY = 128 * 1024 * 1024;

// ---- requests and responses -------------------------------------------------------------------------------

interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  fullPath: string;
  headers: http.IncomingHttpHeaders;
  host: string;
  scheme: string;
  remoteAddr: string;
  cookies: Record<string, string>;
  body: Buffer;
  params: Record<string, string>;
}

interface Res {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

const html = (body: string, status = 200, headers: Record<string, string> = {}): Res => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
  body,
});
const redirect = (location: string, status = 303): Res => ({
  status,
  headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8' },
  body: `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${location.replace(/"/g, '&quot;')}">${location.replace(/</g, '&lt;')}</a>. If not, click the link.\n`,
});
const json = (value: unknown, status = 200): Res => ({ status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
const notFound = (): Res => html(NOT_FOUND_HTML, 404);

function lastValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const parts = value.split(',');
  return parts[parts.length - 1]!.trim() || undefined;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim().replace(/^"|"$/g, ''));
  }
  return out;
}

/** Local redirects, as Odoo's request.redirect(local=True): scheme and host are dropped. */
function localUrl(location: string): string {
  try {
    const url = new URL(location, 'http://localhost');
    return `/${`${url.pathname}${url.search}${url.hash}`.replace(/^\/+/, '')}`;
  } catch {
    return '/';
  }
}

// ---- sessions ---------------------------------------------------------------------------------------------

interface SessionData {
  db: string | null;
  uid: number | null;
  login: string | null;
  session_token: string | null;
  context: Record<string, unknown>;
}

class Session {
  dirty = false;
  shouldRotate = false;
  constructor(
    public sid: string,
    public data: SessionData,
  ) {}

  logout(keepDb: boolean): void {
    const db = this.data.db;
    this.data = { db: keepDb ? db : null, uid: null, login: null, session_token: null, context: { lang: 'en_US' } };
    this.dirty = true;
    this.shouldRotate = true;
  }
}

const SID_RE = /^[A-Za-z0-9_-]{84}$/;

class SessionStore {
  private ready = false;
  constructor(private readonly dataDir: string) {}

  get path(): string {
    return join(this.dataDir, 'sessions');
  }

  /** config.session_dir: created 0700, or an existing one must be writable (else every request fails, as in Odoo). */
  ensure(): void {
    if (this.ready) return;
    const d = this.path;
    try {
      mkdirSync(d, { mode: 0o700, recursive: false });
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT') mkdirSync(d, { mode: 0o700, recursive: true });
      else if (e.code !== 'EEXIST') throw error;
      else accessSyncOrThrow(d);
    }
    this.ready = true;
  }

  newSid(): string {
    return randomBytes(63).toString('base64url');
  }

  private file(sid: string): string {
    return join(this.path, sid.slice(0, 2), sid);
  }

  get(sid: string | undefined): Session {
    const empty = (): SessionData => ({ db: null, uid: null, login: null, session_token: null, context: {} });
    if (!sid || !SID_RE.test(sid)) return new Session(this.newSid(), empty());
    try {
      return new Session(sid, { ...empty(), ...(JSON.parse(readFileSync(this.file(sid), 'utf8')) as Partial<SessionData>) });
    } catch {
      return new Session(sid, empty());
    }
  }

  save(session: Session): void {
    const file = this.file(session.sid);
    if (!existsSync(dirname(file))) {
      try {
        mkdirSync(dirname(file), { mode: 0o755 });
      } catch {
        /* as Odoo: the write below reports it */
      }
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(session.data), { mode: 0o600 });
    renameSync(tmp, file);
  }

  rotate(session: Session): void {
    rmSync(this.file(session.sid), { force: true });
    session.sid = this.newSid();
    this.save(session);
  }
}

function accessSyncOrThrow(dir: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new Error(`AssertionError: ${dir}: directory is not writable`);
  }
}

// ---- the application ----------------------------------------------------------------------------------------

export class OdooHttp {
  private readonly sessions: SessionStore;

  constructor(private readonly ctx: ServerContext) {
    this.sessions = new SessionStore(ctx.dataDir);
  }

  private get proxyMode(): boolean {
    return truthy(this.ctx.options.proxy_mode);
  }

  private get loginLanding(): string {
    return this.ctx.release.major >= 18 ? '/odoo' : '/web';
  }

  listener = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    void this.serve(request, response);
  };

  private async serve(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const started = Date.now();
    let res: Res;
    let req: Req | null = null;
    try {
      req = await this.readRequest(request);
      res = await this.handle(req);
    } catch (error) {
      if ((error as { status?: number }).status === 413) res = html(errorPage(413, 'Request Entity Too Large', 'The data value transmitted exceeds the capacity limit.'), 413);
      else {
        httpLog.error(null, `Exception during request handling.\n${formatTraceback(error)}`);
        res = html(errorPage(500, 'Internal Server Error', 'The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.'), 500);
      }
    }
    const body = typeof res.body === 'string' ? Buffer.from(res.body, 'utf8') : res.body;
    response.writeHead(res.status, { ...res.headers, 'Content-Length': String(body.length) });
    response.end(request.method === 'HEAD' ? undefined : body);
    werkzeugLog.info(null, `${req?.remoteAddr ?? '-'} - - "${request.method} ${request.url} HTTP/${request.httpVersion}" ${res.status} - ${((Date.now() - started) / 1000).toFixed(3)}`);
  }

  private async readRequest(request: http.IncomingMessage): Promise<Req> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw Object.assign(new Error('too large'), { status: 413 });
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', 'http://localhost');
    let host = request.headers.host ?? '';
    let scheme = 'http';
    let remoteAddr = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    // werkzeug's ProxyFix(x_for=1, x_proto=1, x_host=1), applied by Odoo only in proxy mode and with X-Forwarded-Host.
    if (this.proxyMode && request.headers['x-forwarded-host']) {
      host = lastValue(request.headers['x-forwarded-host']) ?? host;
      scheme = lastValue(request.headers['x-forwarded-proto']) ?? scheme;
      remoteAddr = lastValue(request.headers['x-forwarded-for']) ?? remoteAddr;
    }
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    const type = String(request.headers['content-type'] ?? '');
    if (request.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
    }
    return {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      fullPath: `${url.pathname}?${url.search.replace(/^\?/, '')}`,
      headers: request.headers,
      host,
      scheme,
      remoteAddr,
      cookies: parseCookies(request.headers.cookie),
      body,
      params,
    };
  }

  private async handle(req: Req): Promise<Res> {
    // The session store is opened before any route (Odoo's request._post_init): an unwritable
    // <data_dir>/sessions makes every request fail, /web/health included.
    this.sessions.ensure();
    const path = req.path.replace(/\/+$/, '') || '/';

    if (path === '/web/health') return unhealthySwitchOn(this.ctx.dataDir) ? html('Service Unavailable (test switch)', 503) : this.health(req);
    const rpc = /^\/xmlrpc(\/2)?\/(common|object|db)$/.exec(path);
    if (rpc) return req.method === 'POST' ? this.xmlrpc(req, rpc[2]!, Boolean(rpc[1])) : methodNotAllowed();
    if (path === '/jsonrpc') return req.method === 'POST' ? this.jsonrpc(req) : methodNotAllowed();

    const session = this.sessions.get(req.cookies.session_id);
    const cookieSid = req.cookies.session_id;
    const db = await this.sessionDb(session, req);
    const res = await this.route(req, path, session, db);
    if (session.shouldRotate) this.sessions.rotate(session);
    else if (session.dirty) this.sessions.save(session);
    if (session.dirty || session.shouldRotate || cookieSid !== session.sid) {
      const expires = new Date(Date.now() + SESSION_LIFETIME * 1000).toUTCString();
      res.headers['Set-Cookie'] = `session_id=${session.sid}; Expires=${expires}; Max-Age=${SESSION_LIFETIME}; HttpOnly; Path=/`;
    }
    return res;
  }

  /** Request._get_session_and_dbname */
  private async sessionDb(session: Session, req: Req): Promise<string | null> {
    let db: string | null = null;
    if (session.data.db && dbFilter(this.ctx, [session.data.db], req.host).length) db = session.data.db;
    else {
      const all = await dbList(this.ctx, true, req.host);
      if (all.length === 1) db = all[0]!;
    }
    if (session.data.db !== db) {
      if (session.data.db) {
        httpLog.warning(null, `Logged into database ${JSON.stringify(session.data.db)}, but dbfilter rejects it; logging session out.`);
        session.logout(false);
      }
      session.data.db = db;
    }
    return db;
  }

  private async route(req: Req, path: string, session: Session, db: string | null): Promise<Res> {
    const isPost = req.method === 'POST';
    switch (path) {
      case '/':
        return redirect(this.loginLanding + (req.query.toString() ? `?${req.query}` : ''));
      case '/web/login':
        return this.webLogin(req, session, db);
      case '/web/session/logout':
        session.logout(true);
        return redirect(localUrl(req.params.redirect || this.loginLanding));
      case '/web/database/manager':
      case '/web/database/selector':
        return this.databaseManager(req, db, path.endsWith('manager'));
      case '/web/database/list':
        return isPost ? this.jsonRoute(req, () => dbList(this.ctx, false, req.host)) : methodNotAllowed();
      case '/web/database/backup':
        return isPost ? this.databaseBackup(req, db) : methodNotAllowed();
      case '/web/database/drop':
        return isPost ? this.databaseDrop(req, session, db) : methodNotAllowed();
      case '/web/database/change_password':
        return isPost ? this.databaseChangePassword(req, db) : methodNotAllowed();
      case '/web/database/create':
      case '/web/database/duplicate':
      case '/web/database/restore':
        return isPost ? this.databaseUnsupported(req, db, path.split('/').pop()!) : methodNotAllowed();
      case '/web/webclient/version_info':
        return isPost ? this.jsonRoute(req, async () => versionInfo(this.ctx.release)) : methodNotAllowed();
      case '/web/session/get_session_info':
        return isPost ? this.jsonRoute(req, () => this.sessionInfo(session, db, true)) : methodNotAllowed();
      case '/web/session/authenticate':
        return isPost ? this.jsonRoute(req, (params) => this.jsonAuthenticate(req, session, params)) : methodNotAllowed();
      case '/web':
        return this.webClient(req, session, db);
      case '/odoo':
        return this.ctx.release.major >= 18 ? this.webClient(req, session, db) : notFound();
      default:
        if (this.ctx.release.major >= 18 && path.startsWith('/odoo/')) return this.webClient(req, session, db);
        return notFound();
    }
  }

  // ---- routes -------------------------------------------------------------------------------------------

  /** Never touches a database (the db_server_status probe is not offered). */
  private health(_req: Req): Res {
    return { status: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: '{"status": "pass"}' };
  }

  /** web.controllers.utils.ensure_db: a redirect, or null when the request may go on with `db`. */
  private ensureDb(req: Req, session: Session, db: string | null): { redirect: Res } | { db: string } {
    let wanted = (req.params.db ?? '').trim() || null;
    if (wanted && !dbFilter(this.ctx, [wanted], req.host).length) wanted = null;
    if (wanted && !session.data.db) {
      session.data.db = wanted;
      session.dirty = true;
      return { redirect: redirect(localUrl(req.fullPath), 302) };
    }
    if (!wanted && session.data.db && dbFilter(this.ctx, [session.data.db], req.host).length) wanted = session.data.db;
    if (!wanted && db) wanted = db;
    if (!wanted) return { redirect: redirect('/web/database/selector', 303) };
    if (wanted !== session.data.db) {
      session.sid = this.sessions.newSid();
      session.data = { db: wanted, uid: null, login: null, session_token: null, context: { lang: 'en_US' } };
      session.dirty = true;
      return { redirect: redirect(localUrl(req.fullPath), 302) };
    }
    return { db: wanted };
  }

  private notInitialized(db: string): Res {
    const message = `Database ${db} not initialized, you can force it with \`-i base\``;
    logger('odoo.modules.loading').error(db, message);
    return html(errorPage(500, 'Internal Server Error', message), 500);
  }

  private async csrfToken(client: import('pg').ClientBase, db: string, sid: string): Promise<string> {
    const secret = await this.ctx.registries.get(db).secret(client);
    const maxTs = Math.floor(Date.now() / 1000 + CSRF_TOKEN_SALT);
    return `${createHmac('sha1', secret).update(`${sid}${maxTs}`).digest('hex')}o${maxTs}`;
  }

  private async validateCsrf(client: import('pg').ClientBase, db: string, sid: string, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    const at = token.lastIndexOf('o');
    const hm = at === -1 ? '' : token.slice(0, at);
    const maxTs = at === -1 ? '' : token.slice(at + 1);
    if (maxTs && (!/^\d+$/.test(maxTs) || Number(maxTs) < Date.now() / 1000)) return false;
    const secret = await this.ctx.registries.get(db).secret(client);
    const expected = Buffer.from(createHmac('sha1', secret).update(`${sid}${maxTs}`).digest('hex'));
    const given = Buffer.from(hm);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Odoo's http.security.check_session: a session whose user changed password (or login, or was archived) is over. */
  private async checkSession(client: import('pg').ClientBase, session: Session): Promise<boolean> {
    if (!session.data.uid || !session.data.db) return false;
    const expected = await this.ctx.registries.get(session.data.db).sessionToken(client, session.sid, session.data.uid);
    const given = session.data.session_token ?? '';
    return Boolean(expected) && expected!.length === given.length && timingSafeEqual(Buffer.from(expected!), Buffer.from(given));
  }

  private async webLogin(req: Req, session: Session, db: string | null): Promise<Res> {
    const registry = db ? this.ctx.registries.get(db) : null;
    if (registry) {
      try {
        return await registry.withClient((client) => this.webLoginWithDb(req, session, client, registry.db));
      } catch (error) {
        if (error instanceof NotInitializedError) return this.notInitialized(error.db);
        throw error;
      }
    }
    const ensured = this.ensureDb(req, session, db);
    return 'redirect' in ensured ? ensured.redirect : redirect('/web/database/selector', 303);
  }

  private async webLoginWithDb(req: Req, session: Session, client: import('pg').ClientBase, db: string): Promise<Res> {
    if (req.method === 'POST' && !(await this.validateCsrf(client, db, session.sid, req.params.csrf_token))) {
      httpLog.warning(db, 'CSRF validation failed on path \'/web/login\'');
      return html(errorPage(400, 'Bad Request', 'Session expired (invalid CSRF token)'), 400);
    }
    const ensured = this.ensureDb(req, session, db);
    if ('redirect' in ensured) return ensured.redirect;
    if (req.method === 'GET' && req.params.redirect && session.data.uid) return redirect(localUrl(req.params.redirect));
    let databases: string[] | null;
    try {
      databases = await dbList(this.ctx, false, req.host);
    } catch (error) {
      if (!(error instanceof AccessDenied)) throw error;
      databases = null;
    }
    let error: string | undefined;
    if (req.method === 'POST') {
      const registry = this.ctx.registries.get(db);
      try {
        const uid = await registry.authenticate(req.params.login ?? '', req.params.password ?? '', {
          source: req.remoteAddr,
          baseLocation: `${req.scheme}://${req.host}`,
        });
        const user = await userById(client, uid);
        // the session rotates on sign-in: a new id, and the token bound to it
        session.sid = this.sessions.newSid();
        session.data = { db, uid, login: user!.login, session_token: null, context: { lang: 'en_US' } };
        session.data.session_token = await registry.sessionToken(client, session.sid, uid);
        session.dirty = true;
        const old = req.cookies.session_id;
        if (old && SID_RE.test(old)) rmSync(join(this.sessions.path, old.slice(0, 2), old), { force: true });
        const target = req.params.redirect ? localUrl(req.params.redirect) : user!.share ? '/web/login_successful' : this.loginLanding;
        return redirect(target);
      } catch (caught) {
        if (!(caught instanceof AccessDenied)) throw caught;
        error = caught.message === 'Access Denied' ? 'Wrong login/password' : caught.message;
      }
    } else if (req.params.error === 'access') {
      error = 'Only employees can access this database. Please contact the administrator.';
    }
    const page = loginPage({
      csrfToken: await this.csrfToken(client, db, session.sid),
      login: req.params.login,
      error,
      redirect: req.params.redirect,
      databaseManager: truthy(this.ctx.options.list_db),
      databases,
      db,
    });
    return html(page, 200, { 'Cache-Control': 'no-cache', 'X-Frame-Options': 'DENY' });
  }

  private async webClient(req: Req, session: Session, db: string | null): Promise<Res> {
    const registry = db ? this.ctx.registries.get(db) : null;
    if (!registry) {
      const ensured = this.ensureDb(req, session, db);
      return 'redirect' in ensured ? ensured.redirect : redirect('/web/database/selector', 303);
    }
    try {
      return await registry.withClient(async (client) => {
        const ensured = this.ensureDb(req, session, db);
        if ('redirect' in ensured) return ensured.redirect;
        if (!session.data.uid) return redirect(`/web/login?${new URLSearchParams({ redirect: req.fullPath })}`);
        if (req.params.redirect) return redirect(localUrl(req.params.redirect));
        if (!(await this.checkSession(client, session))) {
          session.logout(true);
          return redirect(`/web/login?${new URLSearchParams({ redirect: req.fullPath })}`);
        }
        const info = await this.sessionInfoWith(client, session, ensured.db);
        return html(webclientPage(info), 200, { 'X-Frame-Options': 'DENY' });
      });
    } catch (error) {
      if (error instanceof NotInitializedError) return this.notInitialized(error.db);
      throw error;
    }
  }

  private async sessionInfoWith(client: import('pg').ClientBase, session: Session, db: string): Promise<Record<string, unknown>> {
    const user = await userById(client, session.data.uid!);
    return {
      uid: session.data.uid,
      is_system: session.data.uid === 1 || session.data.uid === 2,
      is_admin: session.data.uid === 1 || session.data.uid === 2,
      db,
      server_version: this.ctx.release.version,
      server_version_info: this.ctx.release.versionInfo,
      name: user?.name ?? false,
      username: user?.login ?? false,
      partner_id: user?.partner_id ?? false,
      user_context: { lang: 'en_US', tz: 'Europe/Brussels', uid: session.data.uid },
    };
  }

  private async sessionInfo(session: Session, db: string | null, requireUser: boolean): Promise<unknown> {
    if (!db || !session.data.uid) {
      if (requireUser) throw new SessionExpired();
      return null;
    }
    return this.ctx.registries.get(db).withClient(async (client) => {
      if (!(await this.checkSession(client, session))) {
        session.logout(true);
        throw new SessionExpired();
      }
      return this.sessionInfoWith(client, session, db);
    });
  }

  private async jsonAuthenticate(req: Req, session: Session, params: Record<string, unknown>): Promise<unknown> {
    const db = String(params.db ?? '');
    if (!dbFilter(this.ctx, [db], req.host).length) throw new AccessError('Database not found.');
    const registry = this.ctx.registries.get(db);
    const uid = await registry.authenticate(String(params.login ?? ''), String(params.password ?? ''), {
      source: req.remoteAddr,
      baseLocation: `${req.scheme}://${req.host}`,
    });
    return registry.withClient(async (client) => {
      const user = await userById(client, uid);
      session.sid = this.sessions.newSid();
      session.data = { db, uid, login: user!.login, session_token: await registry.sessionToken(client, session.sid, uid), context: { lang: 'en_US' } };
      session.dirty = true;
      return this.sessionInfoWith(client, session, db);
    });
  }

  // ---- the database manager ----------------------------------------------------------------------------

  private async managerPage(req: Req, db: string | null, manage: boolean, error?: string): Promise<Res> {
    let databases: string[];
    try {
      databases = await dbList(this.ctx, false, req.host);
    } catch (caught) {
      if (!(caught instanceof AccessDenied)) throw caught;
      databases = db ? [db] : [];
    }
    const body = databaseManagerPage({
      listDb: truthy(this.ctx.options.list_db),
      insecure: await this.ctx.master.verify('admin'),
      databases,
      error,
      manage,
    });
    return html(body);
  }

  private databaseManager(req: Req, db: string | null, manage: boolean): Promise<Res> {
    return this.managerPage(req, db, manage);
  }

  /** The "insecure" quirk of Odoo's database controllers: with the default master password `admin`, the first master password given becomes the master password. */
  private async adoptMasterPasswordIfInsecure(masterPwd: string | undefined): Promise<void> {
    if (masterPwd && (await this.ctx.master.verify('admin'))) {
      if (!truthy(this.ctx.options.list_db)) throw new AccessDenied('Database management functions blocked, admin disabled database listing.');
      await this.ctx.master.set(masterPwd, this.ctx.rcfile);
    }
  }

  private async withInsecureQuirk(req: Req, fn: () => Promise<Res>): Promise<Res> {
    try {
      await this.adoptMasterPasswordIfInsecure(req.params.master_pwd);
    } catch (error) {
      if (error instanceof AccessDenied) return html(errorPage(403, 'Forbidden', error.message), 403);
      throw error;
    }
    return fn();
  }

  private databaseBackup(req: Req, db: string | null): Promise<Res> {
    return this.withInsecureQuirk(req, async () => {
      const name = req.params.name ?? '';
      const format = req.params.backup_format || 'zip';
      try {
        await this.ctx.master.checkSuper(req.params.master_pwd);
        if (!(await dbList(this.ctx, false, req.host)).includes(name)) throw new UserError(`Database '${name}' is not known`);
        const data = await dumpDb(this.ctx, name, format);
        const ts = new Date().toISOString().slice(0, 19).replace('T', '_').replace(/:/g, '-');
        return {
          status: 200,
          headers: {
            'Content-Type': 'application/octet-stream; charset=binary',
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${name}_${ts}.${format}`)}`,
          },
          body: data,
        };
      } catch (error) {
        logger('odoo.addons.web.controllers.database').error(null, `Database.backup\n${formatTraceback(error)}`);
        return this.managerPage(req, db, true, `Database backup error: ${describeError(error).message}`);
      }
    });
  }

  private databaseDrop(req: Req, session: Session, db: string | null): Promise<Res> {
    return this.withInsecureQuirk(req, async () => {
      const name = req.params.name ?? '';
      try {
        await this.ctx.master.checkSuper(req.params.master_pwd);
        await dropDb(this.ctx, name);
        if (session.data.db === name) session.logout(false);
        return redirect('/web/database/manager');
      } catch (error) {
        logger('odoo.addons.web.controllers.database').error(null, `Database deletion error.\n${formatTraceback(error)}`);
        return this.managerPage(req, db, true, `Database deletion error: ${describeError(error).message}`);
      }
    });
  }

  private async databaseChangePassword(req: Req, db: string | null): Promise<Res> {
    try {
      await this.ctx.master.checkSuper(req.params.master_pwd);
      if (!truthy(this.ctx.options.list_db)) throw new AccessDenied('Database management functions blocked, admin disabled database listing.');
      await this.ctx.master.set(req.params.master_pwd_new ?? '', this.ctx.rcfile);
      return redirect('/web/database/manager');
    } catch (error) {
      return this.managerPage(req, db, true, `Master password update error: ${describeError(error).message}`);
    }
  }

  private databaseUnsupported(req: Req, db: string | null, verb: string): Promise<Res> {
    const label = { create: 'creation', duplicate: 'duplication', restore: 'restore' }[verb] ?? verb;
    return this.withInsecureQuirk(req, async () => {
      try {
        await this.ctx.master.checkSuper(req.params.master_pwd);
        if (!truthy(this.ctx.options.list_db)) throw new AccessDenied('Database management functions blocked, admin disabled database listing.');
        throw new UserError(`database ${verb} is not supported by the Odoo contract double`);
      } catch (error) {
        return this.managerPage(req, db, true, `Database ${label} error: ${describeError(error).message}`);
      }
    });
  }

  // ---- RPC ------------------------------------------------------------------------------------------------

  private async xmlrpc(req: Req, service: string, intCodes: boolean): Promise<Res> {
    const xml = (body: string): Res => ({ status: 200, headers: { 'Content-Type': 'text/xml; charset=utf-8' }, body });
    let call: { method: string; params: RpcValue[] };
    try {
      call = parseMethodCall(req.body.toString('utf8'));
    } catch (error) {
      const message = error instanceof XmlRpcParseError ? error.message : String(error);
      return xml(intCodes ? serializeFault(1, `Traceback (most recent call last):\nxml.parsers.expat.ExpatError: ${message}\n`) : serializeFault(message, ''));
    }
    try {
      const result = await dispatchRpc(this.ctx, service, call.method, call.params, { source: req.remoteAddr });
      return xml(serializeResponse(result));
    } catch (error) {
      if (error instanceof NotInitializedError) logger('odoo.modules.loading').error(error.db, error.describe());
      if (!(error instanceof OdooError) || error.faultCode === 1) httpLog.error(null, `${formatTraceback(error)}`);
      return xml(intCodes ? intFault(error) : stringFault(error));
    }
  }

  private async jsonrpc(req: Req): Promise<Res> {
    let payload: { id?: unknown; params?: { service?: string; method?: string; args?: RpcValue[] } };
    try {
      payload = JSON.parse(req.body.toString('utf8'));
    } catch {
      return json({ jsonrpc: '2.0', id: null, error: { code: 400, message: 'Odoo Server Error', data: { name: 'werkzeug.exceptions.BadRequest', message: 'Invalid JSON data' } } }, 400);
    }
    try {
      const p = payload.params ?? {};
      const result = await dispatchRpc(this.ctx, String(p.service), String(p.method), jsonToRpc(p.args ?? []) as RpcValue[], { source: req.remoteAddr });
      return json({ jsonrpc: '2.0', id: payload.id ?? null, result: rpcToJson(result) });
    } catch (error) {
      return json({ jsonrpc: '2.0', id: payload.id ?? null, error: jsonError(error) });
    }
  }

  private async jsonRoute(req: Req, fn: (params: Record<string, unknown>) => Promise<unknown>): Promise<Res> {
    let payload: { id?: unknown; params?: Record<string, unknown> };
    try {
      payload = req.body.length ? JSON.parse(req.body.toString('utf8')) : {};
    } catch {
      return json({ jsonrpc: '2.0', id: null, error: { code: 400, message: 'Odoo Server Error', data: { name: 'werkzeug.exceptions.BadRequest', message: 'Invalid JSON data' } } }, 400);
    }
    try {
      const result = await fn(payload.params ?? {});
      return json({ jsonrpc: '2.0', id: payload.id ?? null, result: result === undefined ? null : rpcToJson(result as RpcValue) });
    } catch (error) {
      return json({ jsonrpc: '2.0', id: payload.id ?? null, error: jsonError(error) });
    }
  }
}

class SessionExpired extends OdooError {
  override pythonName = 'odoo.http.SessionExpiredException';
  constructor() {
    super('Session expired');
  }
}

function methodNotAllowed(): Res {
  return html(errorPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.'), 405);
}

function intFault(error: unknown): string {
  if (error instanceof OdooError && error.faultCode !== 1) return serializeFault(error.faultCode, error.message);
  return serializeFault(1, formatTraceback(error));
}

function stringFault(error: unknown): string {
  if (error instanceof AccessDenied) return serializeFault('AccessDenied', error.message);
  if (error instanceof AccessError) return serializeFault(`warning -- AccessError\n\n${error.message}`, '');
  if (error instanceof UserError) return serializeFault(`warning -- ${error.pythonName.split('.').pop()}\n\n${error.message}`, '');
  return serializeFault(describeError(error).message, formatTraceback(error));
}

function jsonError(error: unknown): Record<string, unknown> {
  const { name, message } = describeError(error);
  const expired = error instanceof SessionExpired;
  return {
    code: expired ? 100 : 200,
    message: expired ? 'Odoo Session Expired' : 'Odoo Server Error',
    data: { name, debug: formatTraceback(error), message, arguments: [message], context: {} },
  };
}

function rpcToJson(value: RpcValue): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object' && 'value' in value && Object.keys(value).length === 1 && value.constructor.name === 'RpcDouble') return (value as { value: number }).value;
  if (Array.isArray(value)) return value.map(rpcToJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rpcToJson(v as RpcValue)]));
  return value;
}

function jsonToRpc(value: unknown): RpcValue {
  if (Array.isArray(value)) return value.map(jsonToRpc);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonToRpc(v)]));
  return (value ?? null) as RpcValue;
}
