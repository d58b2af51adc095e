// The Odoo contract double (deploy/odoo-double, .ci/build-odoo-double.sh) against real Docker and the
// instances cluster. Every assertion goes through Odoo's public surface (HTTP, XML-RPC, exit codes), so
// the same assertions hold against the official odoo:17 / odoo:18 images (TEST_ODOO_IMAGE_17/18). The
// double's own switches: ODOO_DOUBLE_WAIT_PSQL_TIMEOUT only shortens a wait (the real image waits 30 s),
// and ODOO_DOUBLE_FAIL_INIT has its own block.
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import pg from 'pg';
import { createTestDocker, removeTestDockerResources, TEST_LABEL, TEST_PID_LABEL, TEST_SUITE_LABEL } from '../support/docker';
import { Browser, faultOf, httpRequest, type Rpc, runToCompletion, type RunningOdoo, startOdoo, xmlrpc } from './odooClient';

const suite = 'odoodouble';
const IMAGE_17 = process.env.TEST_ODOO_IMAGE_17 ?? 'platform-test/odoo:17.0';
const IMAGE_18 = process.env.TEST_ODOO_IMAGE_18 ?? 'platform-test/odoo:18.0';
const labels = { [TEST_LABEL]: '1', [TEST_SUITE_LABEL]: suite, [TEST_PID_LABEL]: String(process.pid) };
const network = `pt_${suite}_${process.pid}`;
const BUSYBOX_IMAGE = 'platform-test/odoo-standin:latest';

const id = randomBytes(4).toString('hex');
const role = `odt${id}`;
const rolePassword = randomBytes(12).toString('hex');
const db17 = `odt${id}a`;
const db18 = `odt${id}b`;
const dbUninit = `odt${id}u`;
const masterPassword = `master-${randomBytes(6).toString('hex')}`;
const newAdminPassword = `rotated-${randomBytes(6).toString('hex')}`;

/** passlib's pbkdf2_sha512, as a platform would hash admin_passwd. */
function passlibHash(password: string, rounds = 25_000): string {
  const ab64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '').replace(/\+/g, '.');
  const salt = randomBytes(16);
  return `$pbkdf2-sha512$${rounds}$${ab64(salt)}$${ab64(pbkdf2Sync(password, salt, rounds, 64, 'sha512'))}`;
}

const env = (password = rolePassword): Record<string, string> => ({ HOST: 'host.docker.internal', PORT: '5433', USER: role, PASSWORD: password });
const conf = (lines: string[]) => ({ '/etc/odoo/odoo.conf': { content: `[options]\n${lines.join('\n')}\n`, mode: 0o644 } });
const relative = (files: Record<string, { content: string; mode?: number }>) =>
  Object.fromEntries(Object.entries(files).map(([path, file]) => [path.replace(/^\//, ''), file]));

let docker: Docker;
let admin: pg.Client;
let init17: { exitCode: number; output: string };
let init18: { exitCode: number; output: string };
let odoo17: RunningOdoo;
let odoo18: RunningOdoo;
let odooUninit: RunningOdoo;
/** sha1[:2] of the file uploaded by the round trip: the next upload must need a new directory */
let uploadedPrefix = '';

const volume = (db: string) => `${db}_data`;

async function oneOff(image: string, cmd: string[], options: { db?: string; env?: Record<string, string> } = {}) {
  return runToCompletion(docker, { image, cmd, env: { ...env(), ...options.env }, labels, network, volume: options.db ? volume(options.db) : undefined });
}

beforeAll(async () => {
  docker = createTestDocker();
  await removeTestDockerResources(docker, suite);
  await docker.createNetwork({ Name: network, Labels: labels });
  for (const db of [db17, db18, dbUninit]) await docker.createVolume({ Name: volume(db), Labels: labels });

  admin = new pg.Client({ host: '127.0.0.1', port: 5433, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${rolePassword}'`);
  for (const db of [db17, db18, dbUninit]) {
    await admin.query(`CREATE DATABASE ${db} OWNER ${role} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'`);
    await admin.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  }

  // One init per version, in parallel: 17.0 with demo data and French, 18.0 without demo data and German.
  [init17, init18] = await Promise.all([
    oneOff(IMAGE_17, ['-d', db17, '-i', 'base', '--stop-after-init', '--load-language=fr_FR'], { db: db17 }),
    oneOff(IMAGE_18, ['-d', db18, '-i', 'base', '--stop-after-init', '--without-demo=all', '--load-language=de_DE'], { db: db18 }),
  ]);
  if (init17.exitCode !== 0 || init18.exitCode !== 0) throw new Error(`init failed:\n${init17.output}\n${init18.output}`);

  const base = ['addons_path = /mnt/extra-addons', 'data_dir = /var/lib/odoo'];
  [odoo17, odoo18, odooUninit] = await Promise.all([
    // list_db left at its default (True), a hashed master password
    startOdoo(docker, { image: IMAGE_17, cmd: ['-d', db17], env: env(), labels, network, volume: volume(db17), files: relative(conf([...base, `admin_passwd = ${passlibHash(masterPassword)}`])) }),
    // what the platform runs: list_db off, dbfilter, proxy mode, hashed master password, workers and limits
    startOdoo(docker, {
      image: IMAGE_18,
      cmd: ['odoo'],
      env: env(),
      labels,
      network,
      volume: volume(db18),
      files: relative(
        conf([
          ...base,
          'list_db = False',
          'dbfilter = ^%d$',
          'proxy_mode = True',
          `admin_passwd = ${passlibHash(masterPassword)}`,
          'workers = 2',
          'max_cron_threads = 1',
          'limit_memory_soft = 671088640',
          'limit_memory_hard = 805306368',
        ]),
      ),
    }),
    startOdoo(docker, { image: IMAGE_17, cmd: ['-d', dbUninit], env: env(), labels, network, volume: volume(dbUninit) }),
  ]);
}, 120_000);

afterAll(async () => {
  await removeTestDockerResources(docker, suite);
  if (admin) {
    for (const db of [db17, db18, dbUninit]) await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  }
}, 60_000);

const call = (odoo: RunningOdoo, db: string, uid: number, password: string, model: string, method: string, args: Rpc[], kwargs: Record<string, Rpc> = {}) =>
  xmlrpc(odoo.base, 'object', 'execute_kw', [db, uid, password, model, method, args, kwargs]);

describe('Odoo contract double: the official image contract', () => {
  it('runs as a non-root user', async () => {
    for (const image of [IMAGE_17, IMAGE_18]) {
      const user = (await docker.getImage(image).inspect()).Config.User;
      expect(['', '0', 'root', '0:0']).not.toContain(user);
    }
    const top = await odoo17.container.top({ ps_args: '-o pid,uid,comm' });
    const uidColumn = (top.Titles as string[]).indexOf('UID');
    const uids = (top.Processes as string[][]).map((row) => row[uidColumn]);
    expect(uids.length).toBeGreaterThan(0);
    for (const uid of uids) expect(['0', 'root']).not.toContain(uid);
  });

  it('-d <db> -i base --stop-after-init initialises and exits 0; the server then answers /web/health without a database', async () => {
    expect(init17.exitCode).toBe(0);
    expect(init18.exitCode).toBe(0);
    for (const odoo of [odoo17, odoo18, odooUninit]) {
      const health = await httpRequest(`${odoo.base}/web/health`);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toEqual({ status: 'pass' });
    }
  });

  it('reports the server_version of its image tag', async () => {
    expect(await xmlrpc(odoo17.base, 'common', 'version', [])).toMatchObject({
      server_version: '17.0',
      server_version_info: [17, 0, 0, 'final', 0, ''],
      server_serie: '17.0',
      protocol_version: 1,
    });
    expect(await xmlrpc(odoo18.base, 'common', 'version', [])).toMatchObject({ server_version: '18.0', server_serie: '18.0' });
  });

  it('admin/admin authenticates after init; a wrong password does not', async () => {
    const uid = await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}]);
    expect(typeof uid).toBe('number');
    expect(await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'not-admin', {}])).toBe(false);
    expect(await xmlrpc(odoo17.base, 'common', 'login', [db17, 'admin', 'admin'])).toBe(uid);
    const fault = await faultOf(call(odoo17, db17, uid as number, 'not-admin', 'res.users', 'read', [[uid]], { fields: ['login'] }));
    expect(fault.faultString).toContain('Access Denied');
  });

  it('loads demo data and the languages asked for', async () => {
    const uid17 = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])) as number;
    const uid18 = (await xmlrpc(odoo18.base, 'common', 'authenticate', [db18, 'admin', 'admin', {}])) as number;
    const base17 = await call(odoo17, db17, uid17, 'admin', 'ir.module.module', 'search_read', [[['name', '=', 'base']]], { fields: ['name', 'state', 'demo'] });
    const base18 = await call(odoo18, db18, uid18, 'admin', 'ir.module.module', 'search_read', [[['name', '=', 'base']]], { fields: ['name', 'state', 'demo'] });
    expect(base17).toEqual([expect.objectContaining({ name: 'base', state: 'installed', demo: true })]);
    expect(base18).toEqual([expect.objectContaining({ name: 'base', state: 'installed', demo: false })]);
    const codes = async (odoo: RunningOdoo, db: string, uid: number) =>
      ((await call(odoo, db, uid, 'admin', 'res.lang', 'search_read', [[]], { fields: ['code'] })) as Array<{ code: string }>).map((l) => l.code).sort();
    expect(await codes(odoo17, db17, uid17)).toEqual(['en_US', 'fr_FR']);
    expect(await codes(odoo18, db18, uid18)).toEqual(['de_DE', 'en_US']);
    expect(await call(odoo17, db17, uid17, 'admin', 'ir.config_parameter', 'get_param', ['database.uuid'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the /web/login form: admin/admin signs in, a wrong password gets "Wrong login/password"', async () => {
    const browser = new Browser(odoo17.base);
    const page = await browser.request('/web/login');
    expect(page.status).toBe(200);
    for (const field of ['name="login"', 'name="password"', 'name="csrf_token"']) expect(page.text).toContain(field);

    const wrong = await new Browser(odoo17.base).signIn('admin', 'not-admin');
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('Wrong login/password');

    const signedIn = await browser.signIn('admin', 'admin');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/web'); // 17.0
    expect(browser.cookie('session_id')).toBeTruthy();
    expect((await browser.request('/web')).status).toBe(200);
    expect((await new Browser(odoo17.base).request('/web')).status).toBe(303); // anonymous → /web/login
  });

  it('keeps the database manager while list_db is true, and refuses a wrong master password', async () => {
    const manager = await httpRequest(`${odoo17.base}/web/database/manager`);
    expect(manager.status).toBe(200);
    expect(manager.text).toContain(db17);
    expect(manager.text).not.toContain('disabled by the administrator');
    const list = await httpRequest(`${odoo17.base}/web/database/list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {} }),
    });
    expect(JSON.parse(list.text).result).toEqual([db17]);

    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const drop = await httpRequest(`${odoo17.base}/web/database/drop`, form({ master_pwd: 'wrong-master', name: db17 }));
    expect(drop.text).toContain('Access Denied');
    const backup = await httpRequest(`${odoo17.base}/web/database/backup`, form({ master_pwd: 'wrong-master', name: db17, backup_format: 'zip' }));
    expect(backup.text).toContain('Access Denied');
    expect(backup.body.subarray(0, 2).toString()).not.toBe('PK');
    expect(await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])).toEqual(expect.any(Number)); // still there

    const good = await httpRequest(`${odoo17.base}/web/database/backup`, form({ master_pwd: masterPassword, name: db17, backup_format: 'zip' }));
    expect(good.status).toBe(200);
    expect(good.headers['content-type']).toMatch(/application\/(octet-stream|zip)/);
    expect(good.body.subarray(0, 2).toString()).toBe('PK');
  });

  it('with list_db = False in its config file, the database manager lists and manages nothing', async () => {
    const host = { Host: `${db18}.test.localhost` };
    const manager = await httpRequest(`${odoo18.base}/web/database/manager`, { headers: host });
    expect(manager.text).not.toContain(`/web?db=${db18}`); // no database listed, so none to back up or drop
    const list = await httpRequest(`${odoo18.base}/web/database/list`, {
      method: 'POST',
      headers: { ...host, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: {} }),
    });
    expect(JSON.parse(list.text)).toMatchObject({ error: { data: { name: 'odoo.exceptions.AccessDenied' } } });
    await expect(xmlrpc(odoo18.base, 'db', 'list', [])).rejects.toThrow(/Access ?Denied/);
    // even the right master password manages nothing
    const form = { master_pwd: masterPassword, name: db18, backup_format: 'zip' };
    const backup = await httpRequest(`${odoo18.base}/web/database/backup`, {
      method: 'POST',
      headers: { ...host, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    expect(backup.body.subarray(0, 2).toString()).not.toBe('PK');
    const drop = await httpRequest(`${odoo18.base}/web/database/drop`, {
      method: 'POST',
      headers: { ...host, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    expect(drop.status).not.toBe(303);
    expect(await xmlrpc(odoo18.base, 'common', 'authenticate', [db18, 'admin', 'admin', {}])).toEqual(expect.any(Number));
  });

  it('honours dbfilter: a host whose database the filter rejects gets no login page', async () => {
    const rejected = await new Browser(odoo18.base, { Host: 'nope.test.localhost' }).request('/web/login');
    expect(rejected.status).toBe(303);
    expect(rejected.headers.location).toBe('/web/database/selector');
    const accepted = await new Browser(odoo18.base, { Host: `${db18}.test.localhost` }).request('/web/login');
    expect(accepted.status).toBe(200);
    expect(accepted.text).toContain('name="password"');
  });

  it('with proxy_mode, X-Forwarded-Host and X-Forwarded-Proto are the request host and scheme; without it they are ignored', async () => {
    // odoo:18 (proxy mode): the forwarded host selects the database through dbfilter ^%d$
    const proxied = new Browser(odoo18.base, { 'X-Forwarded-Host': `${db18}.test.localhost`, 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' });
    const signedIn = await proxied.signIn('admin', 'admin');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/odoo'); // 18.0
    const uid18 = (await xmlrpc(odoo18.base, 'common', 'authenticate', [db18, 'admin', 'admin', {}])) as number;
    expect(await call(odoo18, db18, uid18, 'admin', 'ir.config_parameter', 'get_param', ['web.base.url'])).toBe(`https://${db18}.test.localhost`);
    // without the forwarded host, the IP does not match the filter
    expect((await new Browser(odoo18.base).request('/web/login')).status).toBe(303);

    // odoo:17 (no proxy mode): the headers change nothing
    const direct = new Browser(odoo17.base, { 'X-Forwarded-Host': 'evil.example.com', 'X-Forwarded-Proto': 'https' });
    expect((await direct.signIn('admin', 'admin')).status).toBe(303);
    const uid17 = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])) as number;
    expect(await call(odoo17, db17, uid17, 'admin', 'ir.config_parameter', 'get_param', ['web.base.url'])).toBe(`http://${odoo17.ip}:8069`);
  });

  it('refuses to serve a database that was never initialised', async () => {
    const login = await new Browser(odooUninit.base).request('/web/login');
    expect(login.status === 200 && login.text.includes('name="password"')).toBe(false);
    expect(login.status).toBeGreaterThanOrEqual(300);
    const auth = await xmlrpc(odooUninit.base, 'common', 'authenticate', [dbUninit, 'admin', 'admin', {}]).catch((error: Error) => error);
    expect(typeof auth).not.toBe('number');
  });

  it('an attachment round-trips through the filestore', async () => {
    const uid = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])) as number;
    const content = Buffer.from(`hello filestore ${randomBytes(8).toString('hex')}`);
    const sha1 = createHash('sha1').update(content).digest('hex');
    const attachmentId = await call(odoo17, db17, uid, 'admin', 'ir.attachment', 'create', [{ name: 'hello.txt', datas: content.toString('base64') }]);
    const [read] = (await call(odoo17, db17, uid, 'admin', 'ir.attachment', 'read', [[attachmentId]], {
      fields: ['name', 'datas', 'checksum', 'store_fname', 'file_size'],
    })) as Array<Record<string, Rpc>>;
    expect(read).toMatchObject({ name: 'hello.txt', checksum: sha1, store_fname: `${sha1.slice(0, 2)}/${sha1}`, file_size: content.length });
    expect(Buffer.from(read!.datas as string, 'base64').equals(content)).toBe(true);
    uploadedPrefix = sha1.slice(0, 2);
    const partnerId = await call(odoo17, db17, uid, 'admin', 'res.partner', 'create', [{ name: 'Round Trip', email: 'rt@example.com' }]);
    expect(await call(odoo17, db17, uid, 'admin', 'res.partner', 'search_read', [[['id', '=', partnerId]]], { fields: ['name', 'email'] })).toEqual([
      { id: partnerId, name: 'Round Trip', email: 'rt@example.com' },
    ]);
  });

  it('cannot store uploads once its filestore belongs to root (a restore that lost ownership)', async () => {
    const chown = await runToCompletion(docker, {
      image: BUSYBOX_IMAGE, // the busybox stand-in: a root shell with chown, not Odoo
      entrypoint: ['/bin/chown'],
      cmd: ['-R', '0:0', `/var/lib/odoo/filestore/${db17}`],
      user: '0',
      env: {},
      labels,
      network,
      volume: volume(db17),
    });
    expect(chown.exitCode).toBe(0);
    const uid = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])) as number;
    let content: Buffer;
    do content = Buffer.from(`after root restore ${randomBytes(8).toString('hex')}`);
    while (createHash('sha1').update(content).digest('hex').startsWith(uploadedPrefix));
    const fault = await faultOf(call(odoo17, db17, uid, 'admin', 'ir.attachment', 'create', [{ name: 'x.txt', datas: content.toString('base64') }]));
    expect(fault.faultString).toMatch(/Permission denied/);
  });

  it('a password changed with res.users.write works, and the old one no longer does', async () => {
    const uid = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])) as number;
    expect(await call(odoo17, db17, uid, 'admin', 'res.users', 'write', [[uid], { password: newAdminPassword }])).toBe(true);
    expect(await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', newAdminPassword, {}])).toBe(uid);
    expect(await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', 'admin', {}])).toBe(false);
    expect((await new Browser(odoo17.base).signIn('admin', 'admin')).text).toContain('Wrong login/password');
    expect((await new Browser(odoo17.base).signIn('admin', newAdminPassword)).status).toBe(303);
    const [me] = (await call(odoo17, db17, uid, newAdminPassword, 'res.users', 'search_read', [[['login', '=', 'admin']]], { fields: ['login'] })) as Array<Record<string, Rpc>>;
    expect(me).toMatchObject({ id: uid, login: 'admin' });
  });

  it('re-running -i base on an initialised database keeps its data (idempotent)', async () => {
    const again = await oneOff(IMAGE_17, ['-d', db17, '-i', 'base', '--stop-after-init'], { db: db17 });
    expect(again.exitCode).toBe(0);
    const uid = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', newAdminPassword, {}])) as number;
    expect(uid).toEqual(expect.any(Number));
    expect(await call(odoo17, db17, uid, newAdminPassword, 'res.users', 'search_count', [[['login', '=', 'admin']]])).toBe(1);
    const langs = (await call(odoo17, db17, uid, newAdminPassword, 'res.lang', 'search_read', [[]], { fields: ['code'] })) as unknown[];
    expect(langs).toHaveLength(2);
  });

  it('odoo neutralize -d <db> neutralizes an initialised database and fails on an uninitialised one', async () => {
    const done = await oneOff(IMAGE_17, ['odoo', 'neutralize', '-d', db17]);
    expect(done.exitCode).toBe(0);
    const uid = (await xmlrpc(odoo17.base, 'common', 'authenticate', [db17, 'admin', newAdminPassword, {}])) as number;
    expect(await call(odoo17, db17, uid, newAdminPassword, 'ir.config_parameter', 'get_param', ['database.is_neutralized'])).toBe('true');
    const crons = (await call(odoo17, db17, uid, newAdminPassword, 'ir.cron', 'search_read', [[]], { fields: ['active'], context: { active_test: false } })) as Array<{ active: boolean }>;
    expect(crons.every((cron) => cron.active === false)).toBe(true);

    const refused = await oneOff(IMAGE_17, ['odoo', 'neutralize', '-d', dbUninit]);
    expect(refused.exitCode).not.toBe(0);
  });

  it('an init that cannot connect or finds no database exits non-zero, with the reason and never the password', async () => {
    const wrongPassword = `wrong-${randomBytes(6).toString('hex')}`;
    const [badPassword, missing] = await Promise.all([
      oneOff(IMAGE_17, ['-d', dbUninit, '-i', 'base', '--stop-after-init'], { env: { PASSWORD: wrongPassword, ODOO_DOUBLE_WAIT_PSQL_TIMEOUT: '2' } }),
      oneOff(IMAGE_17, ['-d', `${dbUninit}missing`, '-i', 'base', '--stop-after-init']),
    ]);
    expect(badPassword.exitCode).not.toBe(0);
    expect(badPassword.output).toMatch(/password authentication failed/);
    expect(badPassword.output).not.toContain(wrongPassword);
    expect(badPassword.output).not.toContain(rolePassword);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.output).toMatch(/does not exist/);
  });
});

describe('Odoo contract double: test-only switches (not part of the official image)', () => {
  it('ODOO_DOUBLE_FAIL_INIT=1 fails the init after connecting, with exit 1, and keeps nothing', async () => {
    const failed = await oneOff(IMAGE_17, ['-d', dbUninit, '-i', 'base', '--stop-after-init'], { db: dbUninit, env: { ODOO_DOUBLE_FAIL_INIT: '1' } });
    expect(failed.exitCode).toBe(1);
    const login = await new Browser(odooUninit.base).request('/web/login');
    expect(login.status).toBe(500); // still never initialised
  });
});

describe('Odoo contract double: shutdown', () => {
  it('stops promptly with exit code 0 on SIGTERM', async () => {
    const started = Date.now();
    await odooUninit.container.stop({ t: 10 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await odooUninit.container.inspect()).State.ExitCode).toBe(0);
  });
});
