// What `-i base` leaves in a database, in tables named and shaped like Odoo's, and `neutralize`.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from './passlib';

export const LANGUAGES: Record<string, string> = {
  en_US: 'English (US)',
  en_GB: 'English (UK)',
  fr_FR: 'French / Français',
  fr_BE: 'French (BE) / Français (BE)',
  fr_CH: 'French (CH) / Français (CH)',
  de_DE: 'German / Deutsch',
  de_CH: 'German (CH) / Deutsch (CH)',
  es_ES: 'Spanish / Español',
  it_IT: 'Italian / Italiano',
  nl_NL: 'Dutch / Nederlands',
  nl_BE: 'Dutch (BE) / Nederlands (BE)',
  pt_PT: 'Portuguese / Português',
  pt_BR: 'Portuguese (BR) / Português (BR)',
  pl_PL: 'Polish / Język polski',
  sv_SE: 'Swedish / Svenska',
  da_DK: 'Danish / Dansk',
  fi_FI: 'Finnish / Suomi',
  nb_NO: 'Norwegian Bokmål / Norsk bokmål',
  cs_CZ: 'Czech / Čeština',
  ja_JP: 'Japanese / 日本語',
  zh_CN: 'Chinese (Simplified) / 简体中文',
  ar_001: 'Arabic / الْعَرَبيّة',
};

/** res.lang.csv's code shape; an unknown code makes Odoo fail the same way. */
export function validLanguageCode(code: string): boolean {
  return /^[a-z]{2,3}(_[A-Z]{2}|_\d{3})?(@[a-z]+)?$/.test(code);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ir_module_module (
  id serial PRIMARY KEY, name varchar NOT NULL, state varchar(16), demo boolean DEFAULT false,
  latest_version varchar, shortdesc varchar, application boolean DEFAULT false,
  create_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'), write_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'),
  CONSTRAINT ir_module_module_name_uniq UNIQUE (name));
CREATE TABLE IF NOT EXISTS res_partner (
  id serial PRIMARY KEY, name varchar, email varchar, phone varchar, is_company boolean DEFAULT false,
  active boolean DEFAULT true, lang varchar,
  create_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'), write_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE IF NOT EXISTS res_users (
  id serial PRIMARY KEY, login varchar NOT NULL, password varchar, active boolean DEFAULT true,
  partner_id integer NOT NULL REFERENCES res_partner(id), share boolean DEFAULT false, lang varchar, tz varchar,
  create_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'), write_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'),
  CONSTRAINT res_users_login_key UNIQUE (login));
CREATE TABLE IF NOT EXISTS res_lang (
  id serial PRIMARY KEY, code varchar NOT NULL, name varchar NOT NULL, active boolean DEFAULT false,
  iso_code varchar, url_code varchar, direction varchar DEFAULT 'ltr',
  create_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'), write_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'),
  CONSTRAINT res_lang_code_uniq UNIQUE (code));
CREATE TABLE IF NOT EXISTS ir_config_parameter (
  id serial PRIMARY KEY, key varchar NOT NULL, value text NOT NULL,
  create_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'), write_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'),
  CONSTRAINT ir_config_parameter_key_uniq UNIQUE (key));
CREATE TABLE IF NOT EXISTS ir_attachment (
  id serial PRIMARY KEY, name varchar NOT NULL, res_model varchar, res_id integer, type varchar DEFAULT 'binary',
  store_fname varchar, checksum varchar(40), file_size integer, mimetype varchar, public boolean DEFAULT false,
  create_uid integer, create_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'), write_date timestamp DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE IF NOT EXISTS ir_cron (
  id serial PRIMARY KEY, cron_name varchar NOT NULL, active boolean DEFAULT true, interval_number integer DEFAULT 1,
  interval_type varchar DEFAULT 'days',
  CONSTRAINT ir_cron_name_uniq UNIQUE (cron_name));
CREATE TABLE IF NOT EXISTS ir_mail_server (
  id serial PRIMARY KEY, name varchar NOT NULL, smtp_host varchar, smtp_port integer DEFAULT 25, active boolean DEFAULT true);
`;

const CRONS = [
  'Base: Auto-vacuum internal data',
  'Base: Portal Users Deletion',
  'Notification: Send scheduled message notifications',
];

const DEMO_PARTNERS: Array<[string, string]> = [
  ['Azure Interior', 'azure.Interior24@example.com'],
  ['Deco Addict', 'deco_addict@example.com'],
  ['Gemini Furniture', 'gemini_furniture@example.com'],
  ['Ready Mat', 'ready.mat28@example.com'],
  ['Wood Corner', 'wood.corner26@example.com'],
];

function utcNow(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

async function resetSequence(client: pg.ClientBase, table: string): Promise<void> {
  await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1))`);
}

export interface InitOptions {
  serie: string; // '17.0'
  demo: boolean;
  modules: string[];
  languages: string[];
  /** ODOO_DOUBLE_FAIL_INIT: fails after connecting, inside the transaction (so nothing is kept). */
  failInit: boolean;
}

/**
 * odoo.modules.db.initialize + loading base: the first `-i base` (or `-u`) on an empty database.
 * Idempotent: rows that exist are kept (a later `-i base` never resets the admin password).
 */
export async function initializeDatabase(client: pg.ClientBase, opts: InitOptions): Promise<{ created: boolean }> {
  const existed = (await client.query("SELECT to_regclass('ir_module_module') AS t")).rows[0].t !== null;
  await client.query(SCHEMA);
  const version = (module: string) => `${opts.serie}.${module === 'base' ? '1.3' : '1.0'}`;
  const already = await client.query("SELECT 1 FROM ir_module_module WHERE name = 'base' AND state = 'installed'");
  const created = already.rows.length === 0;
  const modules = [...new Set(['base', 'web', ...opts.modules.filter((m) => m !== 'all')])];
  for (const module of modules) {
    await client.query(
      `INSERT INTO ir_module_module (name, state, demo, latest_version, shortdesc, application)
       VALUES ($1, 'installed', $2, $3, $4, false)
       ON CONFLICT (name) DO UPDATE SET state = 'installed', latest_version = EXCLUDED.latest_version,
         write_date = now() AT TIME ZONE 'UTC'`,
      [module, created ? opts.demo : false, version(module), module === 'base' ? 'Base' : module],
    );
  }
  if (created) {
    const partners: Array<[number, string, string | null, boolean, boolean]> = [
      [1, 'My Company', opts.demo ? 'info@yourcompany.com' : null, true, true],
      [2, 'OdooBot', 'odoobot@example.com', false, false],
      [3, opts.demo ? 'Mitchell Admin' : 'Administrator', opts.demo ? 'admin@yourcompany.example.com' : null, false, true],
    ];
    for (const [id, name, email, isCompany, active] of partners) {
      await client.query(
        'INSERT INTO res_partner (id, name, email, is_company, active) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
        [id, name, email, isCompany, active],
      );
    }
    await client.query(
      "INSERT INTO res_users (id, login, password, active, partner_id, share) VALUES (1, '__system__', NULL, false, 2, false) ON CONFLICT DO NOTHING",
    );
    await client.query(
      "INSERT INTO res_users (id, login, password, active, partner_id, share, lang, tz) VALUES (2, 'admin', $1, true, 3, false, 'en_US', 'Europe/Brussels') ON CONFLICT DO NOTHING",
      [await hashPassword('admin')],
    );
    if (opts.demo) {
      await client.query("INSERT INTO res_partner (id, name, email, active) VALUES (7, 'Marc Demo', 'mark.brown23@example.com', true) ON CONFLICT (id) DO NOTHING");
      await client.query(
        "INSERT INTO res_users (id, login, password, active, partner_id, share, lang) VALUES (6, 'demo', $1, true, 7, false, 'en_US') ON CONFLICT DO NOTHING",
        [await hashPassword('demo')],
      );
      let id = 8;
      for (const [name, email] of DEMO_PARTNERS) {
        await client.query('INSERT INTO res_partner (id, name, email, is_company, active) VALUES ($1, $2, $3, true, true) ON CONFLICT (id) DO NOTHING', [
          id++,
          name,
          email,
        ]);
      }
    }
    await resetSequence(client, 'res_partner');
    await resetSequence(client, 'res_users');
    const params: Array<[string, string]> = [
      ['database.uuid', randomUUID()],
      ['database.secret', randomUUID()],
      ['database.create_date', utcNow()],
      ['web.base.url', 'http://localhost:8069'],
    ];
    for (const [key, value] of params) {
      await client.query('INSERT INTO ir_config_parameter (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    }
    for (const cron of CRONS) {
      await client.query('INSERT INTO ir_cron (cron_name, active) VALUES ($1, true) ON CONFLICT (cron_name) DO NOTHING', [cron]);
    }
  }
  await activateLanguages(client, ['en_US']);
  if (opts.failInit) throw new Error('ODOO_DOUBLE_FAIL_INIT is set: failing the initialisation on purpose (test switch)');
  return { created: created || !existed };
}

/** tools.load_language: the language exists and is active (en_US is always active after init). */
export async function activateLanguages(client: pg.ClientBase, codes: string[]): Promise<void> {
  for (const code of codes) {
    if (!validLanguageCode(code)) throw new Error(`'${code}' is not a valid language code`);
    const iso = code.split('_')[0]!;
    await client.query(
      `INSERT INTO res_lang (code, name, active, iso_code, url_code) VALUES ($1, $2, true, $3, $4)
       ON CONFLICT (code) DO UPDATE SET active = true, write_date = now() AT TIME ZONE 'UTC'`,
      [code, LANGUAGES[code] ?? code, code, code === 'en_US' ? 'en' : iso],
    );
  }
}

/** Marks more modules installed on an initialised database (`-i web,mail` / `-u base`). */
export async function installModules(client: pg.ClientBase, serie: string, modules: string[]): Promise<void> {
  for (const module of modules.filter((m) => m !== 'all')) {
    await client.query(
      `INSERT INTO ir_module_module (name, state, demo, latest_version, shortdesc)
       VALUES ($1, 'installed', false, $2, $1)
       ON CONFLICT (name) DO UPDATE SET state = 'installed', latest_version = EXCLUDED.latest_version, write_date = now() AT TIME ZONE 'UTC'`,
      [module, `${serie}.${module === 'base' ? '1.3' : '1.0'}`],
    );
  }
}

/** base/data/neutralize.sql (odoo.modules.neutralize). Fails on a database without installed modules. */
export async function neutralizeDatabase(client: pg.ClientBase): Promise<void> {
  const installed = await client.query("SELECT name FROM ir_module_module WHERE state IN ('installed', 'to upgrade', 'to remove')");
  if (installed.rows.length === 0) throw new Error('no installed module: this database was never initialised');
  await client.query("UPDATE ir_cron SET active = 'f'");
  await client.query("UPDATE ir_mail_server SET active = 'f'");
  await client.query(
    "INSERT INTO ir_config_parameter (key, value) VALUES ('database.is_neutralized', true) ON CONFLICT (key) DO UPDATE SET value = true",
  );
}
