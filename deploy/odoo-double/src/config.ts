// Odoo's configuration (odoo/tools/config.py): defaults < config file ([options]) < command line.
// Options are parsed the way optparse does it: `--opt value`, `--opt=value`, `-d db`, `-ddb`, unique
// prefixes of long options; an unknown option or a bad value exits 2 with optparse's message.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type OptionType = 'string' | 'int' | 'float' | 'store_true' | 'store_false' | 'append';

interface OptionDef {
  long: string[];
  short?: string;
  dest: string;
  type: OptionType;
}

const o = (long: string | string[], dest: string, type: OptionType = 'string', short?: string): OptionDef => ({
  long: Array.isArray(long) ? long : [long],
  dest,
  type,
  short,
});

/** Odoo 17.0/18.0's command line (odoo/tools/config.py), all of it, so a valid command line is never refused. */
export const OPTIONS: OptionDef[] = [
  o('--config', 'config', 'string', '-c'),
  o('--save', 'save', 'store_true', '-s'),
  o('--init', 'init', 'string', '-i'),
  o('--update', 'update', 'string', '-u'),
  o('--without-demo', 'without_demo'),
  o('--import-partial', 'import_partial', 'string', '-P'),
  o('--pidfile', 'pidfile'),
  o('--addons-path', 'addons_path'),
  o('--upgrade-path', 'upgrade_path'),
  o('--pre-upgrade-scripts', 'pre_upgrade_scripts'),
  o('--load', 'server_wide_modules'),
  o('--data-dir', 'data_dir', 'string', '-D'),
  o(['--http-interface', '--xmlrpc-interface'], 'http_interface'),
  o(['--http-port', '--xmlrpc-port'], 'http_port', 'int', '-p'),
  o('--gevent-port', 'gevent_port', 'int'),
  o('--longpolling-port', 'longpolling_port', 'int'),
  o(['--no-http', '--no-xmlrpc'], 'http_enable', 'store_false'),
  o('--proxy-mode', 'proxy_mode', 'store_true'),
  o('--x-sendfile', 'x_sendfile', 'store_true'),
  o('--db-filter', 'dbfilter'),
  o('--test-file', 'test_file'),
  o('--test-enable', 'test_enable', 'store_true'),
  o('--test-tags', 'test_tags'),
  o('--screencasts', 'screencasts'),
  o('--screenshots', 'screenshots'),
  o('--logfile', 'logfile'),
  o('--syslog', 'syslog', 'store_true'),
  o('--log-handler', 'log_handler', 'append'),
  o('--log-web', 'log_web', 'store_true'),
  o('--log-sql', 'log_sql', 'store_true'),
  o('--log-db', 'log_db'),
  o('--log-db-level', 'log_db_level'),
  o('--log-level', 'log_level'),
  o('--email-from', 'email_from'),
  o('--from-filter', 'from_filter'),
  o('--smtp', 'smtp_server'),
  o('--smtp-port', 'smtp_port', 'int'),
  o('--smtp-ssl', 'smtp_ssl', 'store_true'),
  o('--smtp-user', 'smtp_user'),
  o('--smtp-password', 'smtp_password'),
  o('--smtp-ssl-certificate-filename', 'smtp_ssl_certificate_filename'),
  o('--smtp-ssl-private-key-filename', 'smtp_ssl_private_key_filename'),
  o('--database', 'db_name', 'string', '-d'),
  o('--db_user', 'db_user', 'string', '-r'),
  o('--db_password', 'db_password', 'string', '-w'),
  o('--pg_path', 'pg_path'),
  o('--db_host', 'db_host'),
  o('--db_replica_host', 'db_replica_host'),
  o('--db_port', 'db_port', 'int'),
  o('--db_replica_port', 'db_replica_port', 'int'),
  o('--db_sslmode', 'db_sslmode'),
  o('--db_maxconn', 'db_maxconn', 'int'),
  o('--db_maxconn_gevent', 'db_maxconn_gevent', 'int'),
  o('--db-template', 'db_template'),
  o('--load-language', 'load_language'),
  o('--language', 'language', 'string', '-l'),
  o('--i18n-export', 'translate_out'),
  o('--i18n-import', 'translate_in'),
  o('--i18n-overwrite', 'overwrite_existing_translations', 'store_true'),
  o('--modules', 'translate_modules'),
  o('--no-database-list', 'list_db', 'store_false'),
  o('--dev', 'dev_mode'),
  o('--shell-interface', 'shell_interface'),
  o('--stop-after-init', 'stop_after_init', 'store_true'),
  o('--osv-memory-count-limit', 'osv_memory_count_limit', 'int'),
  o('--transient-age-limit', 'transient_age_limit', 'float'),
  o('--max-cron-threads', 'max_cron_threads', 'int'),
  o('--unaccent', 'unaccent', 'store_true'),
  o(['--geoip-city-db', '--geoip-db'], 'geoip_city_db'),
  o('--geoip-country-db', 'geoip_country_db'),
  o('--workers', 'workers', 'int'),
  o('--limit-memory-soft', 'limit_memory_soft', 'int'),
  o('--limit-memory-soft-gevent', 'limit_memory_soft_gevent', 'int'),
  o('--limit-memory-hard', 'limit_memory_hard', 'int'),
  o('--limit-memory-hard-gevent', 'limit_memory_hard_gevent', 'int'),
  o('--limit-time-cpu', 'limit_time_cpu', 'int'),
  o('--limit-time-real', 'limit_time_real', 'int'),
  o('--limit-time-real-cron', 'limit_time_real_cron', 'int'),
  o('--limit-request', 'limit_request', 'int'),
];

/** Keys only a config file sets (odoo.conf), and the outdated names Odoo still maps. */
const FILE_ONLY_KEYS = [
  'admin_passwd',
  'csv_internal_sep',
  'publisher_warranty_url',
  'reportgz',
  'root_path',
  'websocket_keep_alive_timeout',
  'websocket_rate_limit_burst',
  'websocket_rate_limit_delay',
  'demo',
  'debug_mode',
  'xmlrpcs',
  'xmlrpcs_interface',
  'xmlrpcs_port',
  'netrpc',
  'netrpc_interface',
  'netrpc_port',
  'osv_memory_age_limit',
  'translate_modules',
  'session_dir',
];
const OUTDATED: Record<string, string> = {
  xmlrpc_port: 'http_port',
  xmlrpc_interface: 'http_interface',
  xmlrpc: 'http_enable',
  longpolling_port: 'gevent_port',
};

export type OptionValue = string | number | boolean | null | string[];
export type Options = Record<string, OptionValue>;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

function defaults(): Options {
  return {
    admin_passwd: 'admin',
    csv_internal_sep: ',',
    publisher_warranty_url: 'http://services.odoo.com/publisher-warranty/',
    reportgz: false,
    root_path: null,
    websocket_keep_alive_timeout: 3600,
    websocket_rate_limit_burst: 10,
    websocket_rate_limit_delay: 0.2,
    config: null,
    save: false,
    init: '',
    update: '',
    without_demo: false,
    import_partial: '',
    pidfile: null,
    addons_path: null,
    upgrade_path: null,
    pre_upgrade_scripts: null,
    server_wide_modules: 'base,web',
    // appdirs.user_data_dir('Odoo'): what Odoo uses when no config file sets data_dir.
    data_dir: join(homedir() || '/var/lib/odoo', '.local', 'share', 'Odoo'),
    http_interface: '',
    http_port: 8069,
    gevent_port: 8072,
    http_enable: true,
    proxy_mode: false,
    x_sendfile: false,
    dbfilter: '',
    test_enable: false,
    logfile: null,
    syslog: false,
    log_handler: [':INFO'],
    log_level: 'info',
    email_from: false,
    smtp_server: 'localhost',
    smtp_port: 25,
    smtp_ssl: false,
    smtp_user: false,
    smtp_password: false,
    db_name: false,
    db_user: false,
    db_password: false,
    pg_path: '',
    db_host: false,
    db_port: false,
    db_sslmode: 'prefer',
    db_maxconn: 64,
    db_template: 'template0',
    load_language: null,
    language: null,
    list_db: true,
    dev_mode: '',
    stop_after_init: false,
    osv_memory_count_limit: 0,
    transient_age_limit: 1.0,
    max_cron_threads: 2,
    unaccent: false,
    workers: 0,
    limit_memory_soft: 2048 * 1024 * 1024,
    limit_memory_hard: 2560 * 1024 * 1024,
    limit_time_cpu: 60,
    limit_time_real: 120,
    limit_time_real_cron: -1,
    limit_request: 65536,
  };
}

const BY_LONG = new Map<string, OptionDef>();
const BY_SHORT = new Map<string, OptionDef>();
const BY_DEST = new Map<string, OptionDef>();
for (const def of OPTIONS) {
  for (const name of def.long) BY_LONG.set(name, def);
  if (def.short) BY_SHORT.set(def.short, def);
  BY_DEST.set(def.dest, def);
}

function castValue(def: OptionDef, name: string, raw: string): OptionValue {
  if (def.type === 'int') {
    if (!/^\s*[-+]?\d+\s*$/.test(raw)) throw new UsageError(`option ${name}: invalid integer value: '${raw}'`);
    return parseInt(raw, 10);
  }
  if (def.type === 'float') {
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw new UsageError(`option ${name}: invalid floating-point value: '${raw}'`);
    return n;
  }
  return raw;
}

function matchLong(arg: string): OptionDef {
  if (BY_LONG.has(arg)) return BY_LONG.get(arg)!;
  const candidates = [...BY_LONG.keys()].filter((name) => name.startsWith(arg));
  const defs = new Set(candidates.map((name) => BY_LONG.get(name)!));
  if (defs.size === 1) return [...defs][0]!;
  if (defs.size > 1) throw new UsageError(`ambiguous option: ${arg} (${candidates.join(', ')}?)`);
  throw new UsageError(`no such option: ${arg}`);
}

/** optparse: returns the options given (by dest) and the positional arguments. */
export function parseCommandLine(args: string[]): { given: Options; positional: string[]; help: boolean; version: boolean } {
  const given: Options = {};
  const positional: string[] = [];
  let help = false;
  let version = false;
  const set = (def: OptionDef, name: string, raw: string | undefined) => {
    if (def.type === 'store_true' || def.type === 'store_false') {
      if (raw !== undefined) throw new UsageError(`${name} option does not take a value`);
      given[def.dest] = def.type === 'store_true';
    } else if (def.type === 'append') {
      const list = (given[def.dest] as string[] | undefined) ?? [];
      given[def.dest] = [...list, raw!];
    } else {
      given[def.dest] = castValue(def, name, raw!);
    }
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '--version') {
      version = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      const def = matchLong(name);
      let raw = eq === -1 ? undefined : arg.slice(eq + 1);
      const takesValue = def.type !== 'store_true' && def.type !== 'store_false';
      if (takesValue && raw === undefined) {
        if (i + 1 >= args.length) throw new UsageError(`${name} option requires 1 argument`);
        raw = args[++i]!;
      }
      set(def, def.long[0]!, raw);
    } else if (arg.startsWith('-') && arg.length > 1) {
      // short options, possibly bundled (-sd db) or with an attached value (-ddb)
      let j = 1;
      while (j < arg.length) {
        const flag = `-${arg[j]}`;
        const def = BY_SHORT.get(flag);
        if (!def) throw new UsageError(`no such option: ${flag}`);
        const takesValue = def.type !== 'store_true' && def.type !== 'store_false';
        if (!takesValue) {
          set(def, flag, undefined);
          j++;
          continue;
        }
        let raw = arg.slice(j + 1);
        if (raw === '') {
          if (i + 1 >= args.length) throw new UsageError(`${flag} option requires 1 argument`);
          raw = args[++i]!;
        }
        set(def, flag, raw);
        break;
      }
    } else {
      positional.push(arg);
    }
  }
  return { given, positional, help, version };
}

/** Python's RawConfigParser, [options] section: `key = value` / `key: value`, # and ; comments, continuations. */
export function parseIni(text: string, file: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let section: Record<string, string> | null = null;
  let lastKey: string | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (/^\s*$/.test(line)) {
      lastKey = null;
      return;
    }
    if (/^\s*[#;]/.test(line)) return;
    if (/^\s/.test(line) && section && lastKey !== null) {
      section[lastKey] = `${section[lastKey]}\n${line.trim()}`;
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      const name = header[1]!;
      if (sections[name]) throw new UsageError(`While reading from '${file}' [line ${index + 1}]: section '${name}' already exists`, 1);
      section = sections[name] = {};
      lastKey = null;
      return;
    }
    if (!section) throw new UsageError(`File contains no section headers.\nfile: '${file}', line: ${index + 1}\n${JSON.stringify(line)}`, 1);
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv) throw new UsageError(`Source contains parsing errors: '${file}'\n\t[line ${index + 1}]: ${JSON.stringify(line)}`, 1);
    const key = kv[1]!.trim().toLowerCase();
    if (Object.prototype.hasOwnProperty.call(section, key)) {
      throw new UsageError(`While reading from '${file}' [line ${index + 1}]: option '${key}' in section already exists`, 1);
    }
    section[key] = kv[2]!.trim();
    lastKey = key;
  });
  return sections;
}

export interface LoadedConfig {
  options: Options;
  rcfile: string;
  positional: string[];
  help: boolean;
  version: boolean;
}

/** Odoo's rcfile choice: -c, else $ODOO_RC, else $OPENERP_SERVER, else ~/.odoorc. */
export function loadConfig(args: string[], env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const { given, positional, help, version } = parseCommandLine(args);
  const options = defaults();
  const rcfile = resolve(
    (given.config as string | undefined) || env.ODOO_RC || env.OPENERP_SERVER || join(homedir() || '/', '.odoorc'),
  );
  if (existsSync(rcfile) && statSync(rcfile).isFile()) {
    const sections = parseIni(readFileSync(rcfile, 'utf8'), rcfile);
    for (const [rawKey, rawValue] of Object.entries(sections.options ?? {})) {
      const key = OUTDATED[rawKey] ?? rawKey;
      const def = BY_DEST.get(key);
      if (!def && !FILE_ONLY_KEYS.includes(key) && !(key in options)) {
        // Odoo would keep an unknown key silently; the double refuses it so typos are caught.
        throw new UsageError(`unknown key '${rawKey}' in [options] of ${rcfile} (refused by the Odoo double to catch typos)`, 1);
      }
      let value: OptionValue = rawValue;
      if (rawValue === 'True' || rawValue === 'true') value = true;
      else if (rawValue === 'False' || rawValue === 'false') value = false;
      else if (rawValue === 'None') value = null;
      else if (def && (def.type === 'int' || def.type === 'float')) value = castValue(def, key, rawValue);
      options[key] = value;
    }
  }
  for (const [key, value] of Object.entries(given)) {
    if (key === 'longpolling_port') options.gevent_port = value;
    else options[key] = value;
  }
  options.config = rcfile;
  return { options, rcfile, positional, help, version };
}

/** Odoo's truthiness of a config value ('' / False / None / 0 are false, any other string true). */
export function truthy(value: OptionValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

export function str(value: OptionValue | undefined): string {
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return 'True';
  return String(value);
}

/** `-i base,web` → ['base', 'web'] */
export function moduleList(value: OptionValue | undefined): string[] {
  return str(value)
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
}
