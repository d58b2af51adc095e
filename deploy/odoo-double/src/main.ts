// The Odoo contract double's process: /entrypoint.sh (the official image's entrypoint semantics)
// and `odoo` (the server and `neutralize` commands). See .ci/build-odoo-double.sh for the contract.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { basename, join } from 'node:path';
import { loadConfig, moduleList, type Options, str, truthy, UsageError } from './config';
import { connect, connectionInfo, isInitialized, OperationalError, Pools } from './db';
import { logger, setLogLevel } from './log';
import { activateLanguages, initializeDatabase, installModules, neutralizeDatabase, validLanguageCode } from './modules';
import { OdooHttp } from './http';
import { MasterPassword, Registries, releaseFor } from './registry';
import { describeError, formatTraceback, type ServerContext } from './services';
import { watchAllocateSwitch } from './testSwitches';

const SERIE = process.env.ODOO_VERSION && /^\d+\.\d+$/.test(process.env.ODOO_VERSION) ? process.env.ODOO_VERSION : '17.0';
const release = releaseFor(SERIE);

const odooLog = logger('odoo');
const serverLog = logger('odoo.service.server');
const loadingLog = logger('odoo.modules.loading');
const registryLog = logger('odoo.modules.registry');

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- /entrypoint.sh -------------------------------------------------------------------------------------

/** `cut -d " " -f3` on each line, as the official entrypoint reads db_* values out of $ODOO_RC. */
function entrypointConfigValue(rcfile: string | undefined, param: string): string | null {
  if (!rcfile || !existsSync(rcfile) || !statSync(rcfile).isFile()) return null;
  const re = new RegExp(`^\\s*\\b${param}\\b\\s*=`);
  const lines = readFileSync(rcfile, 'utf8').split('\n').filter((line) => re.test(line));
  if (!lines.length) return null;
  return lines
    .map((line) => {
      if (!line.includes(' ')) return line;
      return line.split(' ')[2] ?? '';
    })
    .join('\n')
    .replace(/["\n\r]/g, '')
    .replace(/\n+$/, '');
}

/** wait-for-psql.py: connect to the `postgres` database until it answers, at most --timeout seconds. */
async function waitForPsql(dbArgs: Record<string, string>): Promise<void> {
  const timeout = Number(process.env.ODOO_DOUBLE_WAIT_PSQL_TIMEOUT) > 0 ? Number(process.env.ODOO_DOUBLE_WAIT_PSQL_TIMEOUT) : 30;
  const info = { host: dbArgs.db_host, port: Number(dbArgs.db_port) || 5432, user: dbArgs.db_user, password: dbArgs.db_password };
  const start = Date.now();
  let error: unknown = null;
  while ((Date.now() - start) / 1000 < timeout) {
    try {
      const client = await connect(info, 'postgres');
      await client.end();
      return;
    } catch (caught) {
      error = caught;
    }
    await sleep(1000);
  }
  fail(`Database connection failure: ${error instanceof Error ? error.message : String(error)}`, 1);
}

async function entrypoint(args: string[]): Promise<string[]> {
  const env = process.env;
  if (env.PASSWORD_FILE !== undefined) {
    try {
      env.PASSWORD = readFileSync(env.PASSWORD_FILE, 'utf8').replace(/\n+$/, '');
    } catch (error) {
      fail(`/entrypoint.sh: line 6: ${env.PASSWORD_FILE}: ${(error as Error).message}`, 1);
    }
  }
  const values: Record<string, string> = {
    db_host: env.HOST || env.DB_PORT_5432_TCP_ADDR || 'db',
    db_port: env.PORT || env.DB_PORT_5432_TCP_PORT || '5432',
    db_user: env.USER || env.DB_ENV_POSTGRES_USER || env.POSTGRES_USER || 'odoo',
    db_password: env.PASSWORD || env.DB_ENV_POSTGRES_PASSWORD || env.POSTGRES_PASSWORD || 'odoo',
  };
  const dbArgs: string[] = [];
  const effective: Record<string, string> = {};
  for (const param of ['db_host', 'db_port', 'db_user', 'db_password']) {
    const fromConfig = entrypointConfigValue(env.ODOO_RC, param);
    effective[param] = fromConfig ?? values[param]!;
    dbArgs.push(`--${param}`, effective[param]!);
  }
  const [first, ...rest] = args;
  if (first === '--' || first === 'odoo') {
    if (rest[0] === 'scaffold') return rest;
    await waitForPsql(effective);
    return [...rest, ...dbArgs];
  }
  if (first !== undefined && first.startsWith('-')) {
    await waitForPsql(effective);
    return [...args, ...dbArgs];
  }
  if (first === undefined) process.exit(0);
  if (first === '/usr/bin/odoo') return rest;
  // `exec "$@"`: this image has no other programs.
  return fail(`/entrypoint.sh: line 46: exec: ${first}: not found`, 127);
}

// ---- the odoo command line ---------------------------------------------------------------------------------

function loadOrExit(args: string[]): ReturnType<typeof loadConfig> {
  try {
    const loaded = loadConfig(args);
    if (loaded.help) {
      process.stdout.write('Usage: odoo [options]\n\n(Odoo contract double: see .ci/build-odoo-double.sh for the options it honours)\n');
      process.exit(0);
    }
    if (loaded.version) {
      process.stdout.write(`Odoo Server ${release.version}\n`);
      process.exit(0);
    }
    for (const dir of str(loaded.options.addons_path).split(',').map((d) => d.trim()).filter(Boolean)) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`option addons_path: no such directory: '${dir}'`);
    }
    setLogLevel(str(loaded.options.log_level));
    return loaded;
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.exitCode === 2) fail(`Usage: odoo [options]\n\nodoo: error: ${error.message}`, 2);
      fail(error.message, error.exitCode);
    }
    throw error;
  }
}

function reportConfiguration(options: Options, rcfile: string): void {
  odooLog.info(null, `Odoo version ${release.version}`);
  if (existsSync(rcfile)) odooLog.info(null, `Using configuration file at ${rcfile}`);
  const addons = ['/usr/lib/python3/dist-packages/odoo/addons', ...str(options.addons_path).split(',').map((d) => d.trim()).filter(Boolean)];
  odooLog.info(null, `addons paths: ${JSON.stringify(addons).replace(/"/g, "'")}`);
  const host = str(options.db_host) || process.env.PGHOST || 'default';
  const port = str(options.db_port) || process.env.PGPORT || 'default';
  const user = str(options.db_user) || process.env.PGUSER || 'default';
  odooLog.info(null, `database: ${user}@${host}:${port}`);
}

/** config.addons_data_dir: bootstrapped at start; failures are only debug-logged (as Odoo). */
function bootstrapDataDir(dataDir: string): void {
  const addDir = join(dataDir, 'addons');
  const d = join(addDir, release.serie);
  if (existsSync(d)) return;
  try {
    if (!existsSync(addDir)) mkdirSync(addDir, { recursive: true, mode: 0o700 });
    mkdirSync(d, { mode: 0o500 });
  } catch {
    logger('odoo.tools.config').debug(null, `Failed to create addons data dir ${d}`);
  }
}

/** odoo.service.db._create_empty_database: creates a missing database when the role may. */
async function createEmptyDatabase(ctx: ServerContext, name: string): Promise<'created' | 'exists' | 'skipped'> {
  const client = await ctx.pools.client('postgres');
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname = $1', [name]);
    if (rows.length) return 'exists';
    const template = str(ctx.options.db_template) || 'template0';
    const collate = template === 'template0' ? "LC_COLLATE 'C'" : '';
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" ENCODING 'unicode' ${collate} TEMPLATE "${template.replace(/"/g, '""')}"`);
      logger('odoo.service.db').info(null, `Create database \`${name}\`.`);
      return 'created';
    } catch (error) {
      if ((error as { code?: string }).code === '42501') {
        logger('odoo.cli.server').info(null, `Could not determine if database ${name} exists, skipping auto-creation: ${(error as Error).message}`);
        return 'skipped';
      }
      throw error;
    }
  } finally {
    client.release();
  }
}

let initRunning = false;

/** Registry.new(db, update_module): -i/-u initialise or update; a database never initialised is only reported. */
async function loadRegistry(ctx: ServerContext, db: string, init: string[], update: string[]): Promise<void> {
  const started = Date.now();
  const options = ctx.options;
  const updateModule = init.length > 0 || update.length > 0;
  const languages = str(options.load_language)
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const code of languages) if (!validLanguageCode(code)) throw new Error(`'${code}' is not a valid language code`);
  const client = await ctx.pools.client(db);
  try {
    if (!(await isInitialized(client))) {
      if (!updateModule) {
        loadingLog.error(db, `Database ${db} not initialized, you can force it with \`-i base\``);
        return;
      }
      initRunning = true;
      loadingLog.info(db, 'init db');
      await client.query('BEGIN');
      try {
        const demo = !truthy(options.without_demo);
        loadingLog.info(db, 'loading 1 modules...');
        await initializeDatabase(client, {
          serie: release.serie,
          demo,
          modules: [...init, ...update],
          languages,
          failInit: process.env.ODOO_DOUBLE_FAIL_INIT === '1',
        });
        loadingLog.info(db, `${2 + init.filter((m) => !['base', 'web', 'all'].includes(m)).length} modules loaded in ${((Date.now() - started) / 1000).toFixed(2)}s${demo ? ' (with demo data)' : ''}`);
        if (languages.length) {
          for (const code of languages) logger('odoo.tools.translate').info(db, `loading base translation file ${code} for language ${code}`);
          await activateLanguages(client, languages);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        initRunning = false;
      }
      const filestore = join(ctx.dataDir, 'filestore', db);
      mkdirSync(filestore, { recursive: true });
    } else if (updateModule) {
      initRunning = true;
      await client.query('BEGIN');
      try {
        if (process.env.ODOO_DOUBLE_FAIL_INIT === '1') throw new Error('ODOO_DOUBLE_FAIL_INIT is set: failing the update on purpose (test switch)');
        await installModules(client, release.serie, [...init, ...update]);
        if (languages.length) await activateLanguages(client, languages);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        initRunning = false;
      }
    } else if (languages.length) {
      await activateLanguages(client, languages);
    }
    loadingLog.info(db, 'Modules loaded.');
    registryLog.info(db, `Registry loaded in ${((Date.now() - started) / 1000).toFixed(3)}s`);
  } finally {
    client.release();
  }
}

async function serverCommand(args: string[]): Promise<void> {
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    process.stderr.write("Running as user 'root' is a security risk.\n");
  }
  const { options, rcfile } = loadOrExit(args);
  if (str(options.db_user) === 'postgres') fail("Using the database user 'postgres' is a security risk, aborting.", 1);
  reportConfiguration(options, rcfile);
  const dataDir = str(options.data_dir);
  bootstrapDataDir(dataDir);
  const pools = new Pools(connectionInfo(options));
  const ctx: ServerContext = {
    options,
    release,
    pools,
    registries: new Registries(pools, dataDir),
    master: new MasterPassword(options),
    rcfile,
    dataDir,
  };
  const init = moduleList(options.init);
  const update = moduleList(options.update);
  const stop = truthy(options.stop_after_init);
  const preload = str(options.db_name)
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  let forceInit = false;
  for (const db of preload) {
    try {
      if ((await createEmptyDatabase(ctx, db)) === 'created') forceInit = true;
    } catch (error) {
      process.stderr.write(formatTraceback(error));
      process.exit(1);
    }
  }
  if (forceInit && !init.includes('base')) init.push('base');

  // HTTP comes up first (Odoo's server.start), so /web/health answers while a database loads.
  const servers: http.Server[] = [];
  let shuttingDown = false;
  const shutdown = async (code: number) => {
    serverLog.info(null, 'Initiating shutdown');
    serverLog.info(null, 'Hit CTRL-C again or send a second signal to force the shutdown.');
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    for (const s of servers) s.closeAllConnections();
    await pools.closeAll();
    process.exit(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      process.stderr.write('Forced shutdown.\n');
      process.exit(0);
    }
    shuttingDown = true;
    if (initRunning) {
      // Odoo's signal handler raises KeyboardInterrupt in the middle of the init: the transaction dies with it.
      process.stderr.write(`KeyboardInterrupt (${signal})\n`);
      process.exit(130);
    }
    void shutdown(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  if (!stop && truthy(options.http_enable)) {
    watchAllocateSwitch(dataDir);
    const app = new OdooHttp(ctx);
    const iface = str(options.http_interface) || '0.0.0.0';
    const ports = [Number(options.http_port)];
    if (Number(options.workers) > 0) ports.push(Number(options.gevent_port));
    for (const port of ports) {
      const server = http.createServer(app.listener);
      server.keepAliveTimeout = 5000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, iface, () => resolve());
      }).catch((error: Error) => fail(`${formatTraceback(error)}OSError: ${error.message}`, 1));
      servers.push(server);
    }
    if (Number(options.workers) > 0) {
      serverLog.info(null, `HTTP service (werkzeug) running on ${iface}:${options.http_port}`);
      serverLog.info(null, `Evented Service (longpolling) running on ${iface}:${options.gevent_port} (workers: ${options.workers}, limit_memory_soft: ${options.limit_memory_soft}, limit_memory_hard: ${options.limit_memory_hard}, max_cron_threads: ${options.max_cron_threads})`);
    } else {
      serverLog.info(null, `HTTP service (werkzeug) running on ${iface}:${options.http_port}`);
    }
  }

  // preload_registries: a failure is critical and makes the exit code -1 (255).
  let rc = 0;
  for (const db of preload) {
    try {
      await loadRegistry(ctx, db, init, update);
    } catch (error) {
      logger('odoo.service.server').critical(db, `Failed to initialize database \`${db}\`.\n${formatTraceback(error)}`);
      if (process.env.ODOO_DOUBLE_FAIL_INIT === '1' && !(error instanceof OperationalError)) {
        await pools.closeAll();
        process.exit(1);
      }
      rc = 255;
      break;
    }
  }
  if (stop) {
    await shutdown(rc);
  }
}

async function neutralizeCommand(args: string[]): Promise<void> {
  let toStdout = false;
  const rest = args.filter((arg) => {
    if (arg === '--stdout') {
      toStdout = true;
      return false;
    }
    return true;
  });
  const { options } = loadOrExit(rest);
  const db = str(options.db_name);
  const log = logger('odoo.cli.neutralize');
  if (!db) {
    log.error(null, 'Neutralize command needs a database name. Use "-d" argument');
    process.exit(1);
  }
  if (toStdout) {
    process.stdout.write(
      "BEGIN;\n-- deactivate crons\nUPDATE ir_cron SET active = 'f';\n-- deactivate mail servers\nUPDATE ir_mail_server SET active = 'f';\n-- insert flag\nINSERT INTO ir_config_parameter (key, value) VALUES ('database.is_neutralized', true) ON CONFLICT (key) DO UPDATE SET value = true;\nCOMMIT;\n",
    );
    process.exit(0);
  }
  log.info(db, `Starting ${db} database neutralization`);
  try {
    const client = await connect(connectionInfo(options), db);
    try {
      await client.query('BEGIN');
      await neutralizeDatabase(client);
      await client.query('COMMIT');
      logger('odoo.modules.neutralize').info(db, 'Neutralization finished');
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (error) {
    log.critical(db, `An error occurred during the neutralization. THE DATABASE IS NOT NEUTRALIZED!\n${describeError(error).name}: ${describeError(error).message}`);
    process.exit(1);
  }
  process.exit(0);
}

const COMMANDS_NOT_OFFERED = ['cloc', 'db', 'deploy', 'help', 'obfuscate', 'populate', 'scaffold', 'shell', 'start', 'tsconfig', 'upgrade_code'];

async function odoo(args: string[]): Promise<void> {
  let command = 'server';
  let rest = args;
  if (args.length && !args[0]!.startsWith('-')) {
    command = args[0]!;
    rest = args.slice(1);
  }
  if (command === 'server') return serverCommand(rest);
  if (command === 'neutralize') return neutralizeCommand(rest);
  if (COMMANDS_NOT_OFFERED.includes(command)) fail(`odoo ${command}: not offered by the Odoo contract double`, 1);
  fail(`Unknown command '${command}'.\n\nUse 'odoo --help' to see the list of available commands.`, 1);
}

async function main(): Promise<void> {
  const invokedAs = basename(process.argv[1] ?? '');
  const argv = process.argv.slice(2);
  // /usr/bin/odoo is the server itself; anything else (/entrypoint.sh) is the image's entrypoint.
  const args = invokedAs === 'odoo' ? argv : await entrypoint(argv);
  await odoo(args);
}

main().catch((error) => {
  process.stderr.write(formatTraceback(error));
  process.exit(1);
});
