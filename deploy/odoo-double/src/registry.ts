// Per-database state (Odoo's Registry): connections, the login cooldown, the credential cache;
// authentication (res.users._login / check) and the master password (config.verify_admin_password).
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type pg from 'pg';
import { type Options, str } from './config';
import { isInitialized, OperationalError, type Pools } from './db';
import { Filestore } from './filestore';
import { logger } from './log';
import { AccessDenied, PythonError, userById, userByLogin } from './orm';
import { hashPassword, verifyPassword } from './passlib';

const loadingLog = logger('odoo.modules.loading');
const usersLog = logger('odoo.addons.base.models.res_users');

export interface Release {
  serie: string; // '17.0'
  version: string; // '17.0'
  major: number;
  versionInfo: [number, number, number, string, number, string];
}

export function releaseFor(serie: string): Release {
  const [major, minor] = serie.split('.').map(Number) as [number, number];
  return { serie, version: serie, major, versionInfo: [major, minor ?? 0, 0, 'final', 0, ''] };
}

/** The database exists but `-i base` never ran on it. */
export class NotInitializedError extends PythonError {
  constructor(readonly db: string) {
    super('KeyError', "'res.users'");
  }
  describe(): string {
    return `Database ${this.db} not initialized, you can force it with \`-i base\``;
  }
}

export class Registry {
  private readonly loginFailures = new Map<string, { failures: number; last: number }>();
  private readonly credentialCache = new Set<string>();
  readonly filestore: Filestore;

  constructor(
    readonly db: string,
    private readonly pools: Pools,
    dataDir: string,
  ) {
    this.filestore = new Filestore(dataDir, db);
  }

  /** A connection to an initialised database (NotInitializedError otherwise). */
  async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>, options: { transaction?: boolean; requireInit?: boolean } = {}): Promise<T> {
    const client = await this.pools.client(this.db);
    try {
      if (options.requireInit !== false && !(await isInitialized(client))) {
        loadingLog.error(this.db, `Database ${this.db} not initialized, you can force it with \`-i base\``);
        throw new NotInitializedError(this.db);
      }
      if (!options.transaction) return await fn(client);
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  private async param(client: pg.ClientBase, key: string): Promise<string | null> {
    const { rows } = await client.query('SELECT value FROM ir_config_parameter WHERE key = $1', [key]);
    return rows[0]?.value ?? null;
  }

  async secret(client: pg.ClientBase): Promise<string> {
    const secret = await this.param(client, 'database.secret');
    if (!secret) throw new PythonError('ValueError', 'CSRF protection requires a configured database secret');
    return secret;
  }

  /** res.users._assert_can_auth: after N failures from one address, refuse for a while. */
  private async assertCanAuth<T>(client: pg.ClientBase, source: string | undefined, who: string, fn: () => Promise<T>): Promise<T> {
    if (!source) return fn();
    const after = parseInt((await this.param(client, 'base.login_cooldown_after')) ?? '5', 10);
    const duration = parseInt((await this.param(client, 'base.login_cooldown_duration')) ?? '60', 10);
    const entry = this.loginFailures.get(source) ?? { failures: 0, last: 0 };
    if (after > 0 && entry.failures >= after && Date.now() - entry.last < duration * 1000) {
      usersLog.warning(
        this.db,
        `Login attempt ignored for ${source} (user ${JSON.stringify(who)}) on ${this.db}: ${entry.failures} failures since last success, last failure at ${new Date(entry.last).toISOString()}. You can configure the number of login failures before a user is put on cooldown as well as the duration in the System Parameters. Disable this feature by setting "base.login_cooldown_after" to 0.`,
      );
      throw new AccessDenied('Too many login failures, please wait a bit before trying again.');
    }
    try {
      const result = await fn();
      this.loginFailures.delete(source);
      return result;
    } catch (error) {
      if (error instanceof AccessDenied) this.loginFailures.set(source, { failures: entry.failures + 1, last: Date.now() });
      throw error;
    }
  }

  private async checkPassword(user: { id: number; password: string | null }, password: string): Promise<boolean> {
    if (!password || !user.password) return false;
    const key = `${user.id}\0${user.password}\0${createHash('sha256').update(password).digest('hex')}`;
    if (this.credentialCache.has(key)) return true;
    const ok = await verifyPassword(password, user.password);
    if (ok) this.credentialCache.add(key);
    return ok;
  }

  /** res.users.authenticate: the uid, or AccessDenied. Updates web.base.url when an administrator signs in through the web. */
  async authenticate(login: string, password: string, env: { source?: string; baseLocation?: string }): Promise<number> {
    return this.withClient(async (client) => {
      try {
        const uid = await this.assertCanAuth(client, env.source, login, async () => {
          const user = await userByLogin(client, login);
          if (!user || !(await this.checkPassword(user, password))) throw new AccessDenied();
          return user.id;
        });
        usersLog.info(this.db, `Login successful for db:${this.db} login:${login} from ${env.source ?? 'n/a'}`);
        if (env.baseLocation && (uid === 1 || uid === 2) && !(await this.param(client, 'web.base.url.freeze'))) {
          await client.query(
            "INSERT INTO ir_config_parameter (key, value) VALUES ('web.base.url', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = now() AT TIME ZONE 'UTC'",
            [env.baseLocation],
          );
        }
        return uid;
      } catch (error) {
        if (error instanceof AccessDenied) usersLog.info(this.db, `Login failed for db:${this.db} login:${login} from ${env.source ?? 'n/a'}`);
        throw error;
      }
    });
  }

  /** res.users.check(db, uid, passwd), as every execute_kw does. */
  async check(uid: number, password: string, source?: string): Promise<void> {
    if (!password) throw new AccessDenied();
    await this.withClient((client) =>
      this.assertCanAuth(client, source, String(uid), async () => {
        const user = await userById(client, uid);
        if (!user || !user.active || !(await this.checkPassword(user, password))) throw new AccessDenied();
      }),
    );
  }

  /** res.users._compute_session_token: changes when the user's login, password or state change. */
  async sessionToken(client: pg.ClientBase, sid: string, uid: number): Promise<string | null> {
    const user = await userById(client, uid);
    if (!user || !user.active) return null;
    const secret = await this.secret(client);
    return createHmac('sha256', secret).update(`${sid}\0${user.id}\0${user.login}\0${user.password ?? ''}\0${user.active}`).digest('hex');
  }
}

export class Registries {
  private readonly registries = new Map<string, Registry>();

  constructor(
    private readonly pools: Pools,
    private readonly dataDir: string,
  ) {}

  get(db: string): Registry {
    let registry = this.registries.get(db);
    if (!registry) {
      registry = new Registry(db, this.pools, this.dataDir);
      this.registries.set(db, registry);
    }
    return registry;
  }

  async delete(db: string): Promise<void> {
    this.registries.delete(db);
    await this.pools.close(db);
  }
}

// ---- the master password (admin_passwd) ---------------------------------------------------------------

export class MasterPassword {
  constructor(private readonly options: Options) {}

  /** config.verify_admin_password: empty/False refuses everything; a pbkdf2 hash or plain text otherwise. */
  async verify(password: string): Promise<boolean> {
    const stored = this.options.admin_passwd;
    if (!stored) return false;
    return verifyPassword(password, str(stored));
  }

  /** odoo.service.db.check_super */
  async checkSuper(password: unknown): Promise<void> {
    if (typeof password === 'string' && password && (await this.verify(password))) return;
    throw new AccessDenied();
  }

  /** config.set_admin_password + config.save(['admin_passwd']): hashed, written back to the config file when possible. */
  async set(password: string, rcfile: string): Promise<void> {
    const hashed = await hashPassword(password);
    this.options.admin_passwd = hashed;
    try {
      const text = readFileSync(rcfile, 'utf8');
      const line = `admin_passwd = ${hashed}`;
      const next = /^\s*admin_passwd\s*[=:].*$/m.test(text)
        ? text.replace(/^\s*admin_passwd\s*[=:].*$/m, line)
        : text.replace(/^\[options\]\s*$/m, `[options]\n${line}`);
      writeFileSync(rcfile, next);
    } catch (error) {
      logger('odoo.tools.config').warning(null, `could not save admin_passwd to ${rcfile}: ${(error as Error).message}`);
    }
  }
}

export function isOperationalError(error: unknown): error is OperationalError {
  return error instanceof OperationalError;
}
