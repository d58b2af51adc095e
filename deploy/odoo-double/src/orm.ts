// The models the platform talks to over execute_kw, with Odoo's method signatures, domains,
// access rules and exceptions (which the RPC layer turns into Odoo's fault codes).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { type Filestore } from './filestore';
import { hashPassword, verifyPassword } from './passlib';
import { RpcDouble, type RpcValue } from './xmlrpc';

// ---- Odoo's exceptions (odoo.exceptions) --------------------------------------------------------

export class OdooError extends Error {
  /** the Python class name shown in faults and JSON-RPC errors */
  pythonName = 'Exception';
  /** XML-RPC fault code on /xmlrpc/2 (odoo.http RPC_FAULT_CODE_*) */
  faultCode = 1;
}
export class UserError extends OdooError {
  override pythonName = 'odoo.exceptions.UserError';
  override faultCode = 2;
}
export class ValidationError extends UserError {
  override pythonName = 'odoo.exceptions.ValidationError';
}
export class MissingError extends UserError {
  override pythonName = 'odoo.exceptions.MissingError';
}
export class AccessDenied extends OdooError {
  override pythonName = 'odoo.exceptions.AccessDenied';
  override faultCode = 3;
  constructor(message = 'Access Denied') {
    super(message);
  }
}
export class AccessError extends OdooError {
  override pythonName = 'odoo.exceptions.AccessError';
  override faultCode = 4;
}
/** A Python exception that is not an Odoo one (KeyError, ValueError, PermissionError, ...): fault code 1 with a traceback. */
export class PythonError extends OdooError {
  constructor(
    override readonly pythonName: string,
    message: string,
  ) {
    super(message);
  }
}

// ---- models ---------------------------------------------------------------------------------------

type FieldType = 'integer' | 'char' | 'text' | 'boolean' | 'many2one' | 'datetime' | 'selection' | 'binary' | 'float';

interface FieldDef {
  type: FieldType;
  string: string;
  /** SQL expression over the model's table aliased `t`; absent for non-stored fields */
  sql?: string;
  relation?: string;
  readonly?: boolean;
  required?: boolean;
}

type Group = 'user' | 'system';

interface ModelDef {
  name: string;
  table: string;
  description: string;
  order: string;
  fields: Record<string, FieldDef>;
  displayName: string; // SQL expression
  access: { read: Group; write: Group; create: Group; unlink: Group };
}

const stamp = (): Record<string, FieldDef> => ({
  create_date: { type: 'datetime', string: 'Created on', sql: 't.create_date', readonly: true },
  write_date: { type: 'datetime', string: 'Last Updated on', sql: 't.write_date', readonly: true },
});

const PARTNER_NAME = '(SELECT p.name FROM res_partner p WHERE p.id = t.partner_id)';
const PARTNER_EMAIL = '(SELECT p.email FROM res_partner p WHERE p.id = t.partner_id)';

const MODELS: Record<string, ModelDef> = {
  'res.users': {
    name: 'res.users',
    table: 'res_users',
    description: 'User',
    order: 'name, login',
    displayName: PARTNER_NAME,
    access: { read: 'user', write: 'system', create: 'system', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      login: { type: 'char', string: 'Login', sql: 't.login', required: true },
      password: { type: 'char', string: 'Password' },
      name: { type: 'char', string: 'Name', sql: PARTNER_NAME, required: true },
      email: { type: 'char', string: 'Email', sql: PARTNER_EMAIL },
      active: { type: 'boolean', string: 'Active', sql: 't.active' },
      partner_id: { type: 'many2one', string: 'Related Partner', sql: 't.partner_id', relation: 'res.partner', readonly: true },
      share: { type: 'boolean', string: 'Share User', sql: 't.share', readonly: true },
      lang: { type: 'selection', string: 'Language', sql: 't.lang' },
      tz: { type: 'selection', string: 'Timezone', sql: 't.tz' },
      company_id: { type: 'many2one', string: 'Company', sql: '1', relation: 'res.company', readonly: true },
      display_name: { type: 'char', string: 'Display Name', sql: PARTNER_NAME, readonly: true },
      ...stamp(),
    },
  },
  'res.partner': {
    name: 'res.partner',
    table: 'res_partner',
    description: 'Contact',
    order: 'name ASC, id DESC',
    displayName: 't.name',
    access: { read: 'user', write: 'user', create: 'user', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      name: { type: 'char', string: 'Name', sql: 't.name' },
      email: { type: 'char', string: 'Email', sql: 't.email' },
      phone: { type: 'char', string: 'Phone', sql: 't.phone' },
      is_company: { type: 'boolean', string: 'Is a Company', sql: 't.is_company' },
      active: { type: 'boolean', string: 'Active', sql: 't.active' },
      lang: { type: 'selection', string: 'Language', sql: 't.lang' },
      display_name: { type: 'char', string: 'Display Name', sql: 't.name', readonly: true },
      ...stamp(),
    },
  },
  'ir.attachment': {
    name: 'ir.attachment',
    table: 'ir_attachment',
    description: 'Attachment',
    order: 'id desc',
    displayName: 't.name',
    access: { read: 'user', write: 'user', create: 'user', unlink: 'user' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      name: { type: 'char', string: 'Name', sql: 't.name', required: true },
      datas: { type: 'binary', string: 'File Content (base64)' },
      res_model: { type: 'char', string: 'Resource Model', sql: 't.res_model' },
      res_id: { type: 'integer', string: 'Resource ID', sql: 't.res_id' },
      type: { type: 'selection', string: 'Type', sql: 't.type' },
      store_fname: { type: 'char', string: 'Stored Filename', sql: 't.store_fname', readonly: true },
      checksum: { type: 'char', string: 'Checksum/SHA1', sql: 't.checksum', readonly: true },
      file_size: { type: 'integer', string: 'File Size', sql: 't.file_size', readonly: true },
      mimetype: { type: 'char', string: 'Mime Type', sql: 't.mimetype' },
      public: { type: 'boolean', string: 'Is public document', sql: 't.public' },
      create_uid: { type: 'many2one', string: 'Created by', sql: 't.create_uid', relation: 'res.users', readonly: true },
      display_name: { type: 'char', string: 'Display Name', sql: 't.name', readonly: true },
      ...stamp(),
    },
  },
  'res.lang': {
    name: 'res.lang',
    table: 'res_lang',
    description: 'Languages',
    order: 'active desc, name',
    displayName: 't.name',
    access: { read: 'user', write: 'system', create: 'system', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      code: { type: 'char', string: 'Locale Code', sql: 't.code', required: true },
      name: { type: 'char', string: 'Name', sql: 't.name', required: true },
      active: { type: 'boolean', string: 'Active', sql: 't.active' },
      iso_code: { type: 'char', string: 'ISO code', sql: 't.iso_code' },
      url_code: { type: 'char', string: 'URL Code', sql: 't.url_code' },
      direction: { type: 'selection', string: 'Direction', sql: 't.direction' },
      display_name: { type: 'char', string: 'Display Name', sql: 't.name', readonly: true },
      ...stamp(),
    },
  },
  'ir.module.module': {
    name: 'ir.module.module',
    table: 'ir_module_module',
    description: 'Module',
    order: 'application desc, name',
    displayName: 't.shortdesc',
    access: { read: 'user', write: 'system', create: 'system', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      name: { type: 'char', string: 'Technical Name', sql: 't.name', readonly: true },
      state: { type: 'selection', string: 'Status', sql: 't.state', readonly: true },
      demo: { type: 'boolean', string: 'Demo Data', sql: 't.demo', readonly: true },
      latest_version: { type: 'char', string: 'Installed Version', sql: 't.latest_version', readonly: true },
      shortdesc: { type: 'char', string: 'Module Name', sql: 't.shortdesc', readonly: true },
      application: { type: 'boolean', string: 'Application', sql: 't.application', readonly: true },
      display_name: { type: 'char', string: 'Display Name', sql: 't.shortdesc', readonly: true },
      ...stamp(),
    },
  },
  'ir.config_parameter': {
    name: 'ir.config_parameter',
    table: 'ir_config_parameter',
    description: 'System Parameter',
    order: 'key',
    displayName: 't.key',
    access: { read: 'system', write: 'system', create: 'system', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      key: { type: 'char', string: 'Key', sql: 't.key', required: true },
      value: { type: 'text', string: 'Value', sql: 't.value', required: true },
      display_name: { type: 'char', string: 'Display Name', sql: 't.key', readonly: true },
      ...stamp(),
    },
  },
  'ir.cron': {
    name: 'ir.cron',
    table: 'ir_cron',
    description: 'Scheduled Actions',
    order: 'cron_name',
    displayName: 't.cron_name',
    access: { read: 'system', write: 'system', create: 'system', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      cron_name: { type: 'char', string: 'Name', sql: 't.cron_name', readonly: true },
      active: { type: 'boolean', string: 'Active', sql: 't.active' },
      interval_number: { type: 'integer', string: 'Interval Number', sql: 't.interval_number' },
      interval_type: { type: 'selection', string: 'Interval Unit', sql: 't.interval_type' },
      display_name: { type: 'char', string: 'Display Name', sql: 't.cron_name', readonly: true },
    },
  },
  'ir.mail_server': {
    name: 'ir.mail_server',
    table: 'ir_mail_server',
    description: 'Mail Server',
    order: 'name',
    displayName: 't.name',
    access: { read: 'system', write: 'system', create: 'system', unlink: 'system' },
    fields: {
      id: { type: 'integer', string: 'ID', sql: 't.id', readonly: true },
      name: { type: 'char', string: 'Name', sql: 't.name', required: true },
      smtp_host: { type: 'char', string: 'SMTP Server', sql: 't.smtp_host' },
      smtp_port: { type: 'integer', string: 'SMTP Port', sql: 't.smtp_port' },
      active: { type: 'boolean', string: 'Active', sql: 't.active' },
      display_name: { type: 'char', string: 'Display Name', sql: 't.name', readonly: true },
    },
  },
};

/** Fields a user may write on their own record (res.users SELF_WRITEABLE_FIELDS). */
const SELF_WRITEABLE = ['name', 'email', 'lang', 'tz', 'signature'];

// ---- environment ------------------------------------------------------------------------------------

export interface Env {
  db: string;
  client: pg.ClientBase;
  uid: number;
  context: Record<string, RpcValue>;
  filestore: Filestore;
}

async function isSystem(env: Env): Promise<boolean> {
  // base.group_system: the superuser and the administrator (the only system users the double knows)
  return env.uid === 1 || env.uid === 2;
}

async function checkAccess(env: Env, model: ModelDef, operation: 'read' | 'write' | 'create' | 'unlink'): Promise<void> {
  if (model.access[operation] === 'user' || (await isSystem(env))) return;
  const verb = { read: 'read', write: 'modify', create: 'create', unlink: 'delete' }[operation];
  throw new AccessError(
    `You are not allowed to ${verb} '${model.description}' (${model.name}) records.\n\nThis operation is allowed for the following groups:\n\t- Administration/Settings\n\nContact your administrator to request access if necessary.`,
  );
}

function modelOf(name: string): ModelDef {
  const model = MODELS[name];
  if (!model) throw new UserError(`Object ${name} doesn't exist`);
  return model;
}

// ---- values -----------------------------------------------------------------------------------------

function formatDatetime(value: unknown): string {
  if (value instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())} ${p(value.getHours())}:${p(value.getMinutes())}:${p(value.getSeconds())}`;
  }
  return String(value).slice(0, 19);
}

function ids(value: RpcValue): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  throw new PythonError('TypeError', `ids must be an int or a list of ints, got ${JSON.stringify(value)}`);
}

// ---- domains ----------------------------------------------------------------------------------------

const OPERATORS = new Set(['=', '!=', '<>', '<', '>', '<=', '>=', 'in', 'not in', 'like', 'not like', 'ilike', 'not ilike', '=like', '=ilike']);

function leafSql(model: ModelDef, leaf: RpcValue[], params: unknown[]): string {
  const [path, rawOp, value] = leaf as [RpcValue, RpcValue, RpcValue];
  if (path === 1 || path === 0) return path === 1 ? 'TRUE' : 'FALSE'; // TRUE_LEAF / FALSE_LEAF
  if (typeof path !== 'string' || typeof rawOp !== 'string') throw new ValueErrorPy(`Invalid leaf ${JSON.stringify(leaf)}`);
  const op = rawOp.toLowerCase() === '<>' ? '!=' : rawOp.toLowerCase();
  if (!OPERATORS.has(op)) throw new ValueErrorPy(`Invalid leaf ${JSON.stringify(leaf)}`);
  const field = model.fields[path];
  if (!field) throw new ValueErrorPy(`Invalid field ${model.name}.${path} in leaf ${JSON.stringify(leaf)}`);
  if (!field.sql) throw new UserError(`Non-stored field ${model.name}.${path} cannot be searched.`);
  const expr = field.sql;
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (op === 'in' || op === 'not in') {
    const list = Array.isArray(value) ? value : [value];
    const withFalse = list.some((v) => v === false || v === null);
    const values = list.filter((v) => v !== false && v !== null);
    const anyOf = values.length ? `${expr} = ANY(${bind(values)})` : 'FALSE';
    const base = withFalse ? `(${anyOf} OR ${expr} IS NULL)` : anyOf;
    return op === 'in' ? base : `NOT COALESCE(${base}, FALSE)`;
  }
  if ((value === false || value === null) && (op === '=' || op === '!=')) {
    if (field.type === 'boolean') return op === '=' ? `(${expr} IS NULL OR ${expr} = FALSE)` : `${expr} = TRUE`;
    return op === '=' ? `${expr} IS NULL` : `${expr} IS NOT NULL`;
  }
  if (field.type === 'boolean' && value === true) return op === '=' ? `${expr} = TRUE` : `(${expr} IS NULL OR ${expr} = FALSE)`;
  if (op.includes('like')) {
    const pattern = op.startsWith('=') ? String(value) : `%${String(value)}%`;
    const sqlOp = op.replace('=', '').includes('ilike') ? 'ILIKE' : 'LIKE';
    const negated = op.startsWith('not');
    return negated
      ? `(${expr}::text NOT ${sqlOp} ${bind(pattern)} OR ${expr} IS NULL)`
      : `${expr}::text ${sqlOp} ${bind(pattern)}`;
  }
  if (op === '!=') return `(${expr} != ${bind(value)} OR ${expr} IS NULL)`;
  return `${expr} ${op} ${bind(value)}`;
}

class ValueErrorPy extends PythonError {
  constructor(message: string) {
    super('ValueError', message);
  }
}

function mentionsField(domain: RpcValue[], name: string): boolean {
  return domain.some((item) => Array.isArray(item) && item[0] === name);
}

/** Polish notation (Odoo's domains) → SQL; leaves are implicitly and-ed. */
function domainSql(model: ModelDef, domain: RpcValue, params: unknown[], context: Record<string, RpcValue>): string {
  if (!Array.isArray(domain)) throw new ValueErrorPy(`Invalid domain ${JSON.stringify(domain)}`);
  const items = [...domain];
  if (model.fields.active?.sql && context.active_test !== false && !mentionsField(items, 'active')) {
    items.unshift('&');
    items.push(['active', '=', true]);
    if (items.length === 2) items.shift(); // only the active leaf
  }
  const stack: string[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item === '&' || item === '|') {
      const a = stack.pop();
      const b = stack.pop();
      if (a === undefined || b === undefined) throw new ValueErrorPy(`Invalid domain ${JSON.stringify(domain)}`);
      stack.push(`(${a} ${item === '&' ? 'AND' : 'OR'} ${b})`);
    } else if (item === '!') {
      const a = stack.pop();
      if (a === undefined) throw new ValueErrorPy(`Invalid domain ${JSON.stringify(domain)}`);
      stack.push(`(NOT COALESCE(${a}, FALSE))`);
    } else if (Array.isArray(item) && item.length === 3) {
      stack.push(leafSql(model, item, params));
    } else {
      throw new ValueErrorPy(`Invalid domain term ${JSON.stringify(item)}`);
    }
  }
  return stack.length ? stack.map((s) => `(${s})`).join(' AND ') : 'TRUE';
}

function orderSql(model: ModelDef, order: RpcValue | undefined): string {
  const spec = typeof order === 'string' && order.trim() ? order : model.order;
  const parts = spec.split(',').map((part) => {
    const [name, dir = 'asc', ...rest] = part.trim().split(/\s+/);
    const field = model.fields[name ?? ''];
    if (!field?.sql || rest.length || !['asc', 'desc'].includes(dir.toLowerCase())) throw new ValueErrorPy(`Invalid "order" specified (${spec}).`);
    return `${field.sql} ${dir.toUpperCase()}`;
  });
  return [...parts, 't.id'].join(', ');
}

// ---- CRUD -------------------------------------------------------------------------------------------

async function search(env: Env, model: ModelDef, domain: RpcValue, offset = 0, limit: number | null = null, order?: RpcValue): Promise<number[]> {
  const params: unknown[] = [];
  const where = domainSql(model, domain ?? [], params, env.context);
  let sql = `SELECT t.id FROM ${model.table} t WHERE ${where} ORDER BY ${orderSql(model, order)}`;
  if (limit) sql += ` LIMIT ${Number(limit)}`;
  if (offset) sql += ` OFFSET ${Number(offset)}`;
  const { rows } = await env.client.query(sql, params);
  return rows.map((r: { id: number }) => r.id);
}

async function readRecords(env: Env, model: ModelDef, recordIds: number[], fields?: RpcValue): Promise<Array<Record<string, RpcValue>>> {
  const names = Array.isArray(fields) && fields.length ? (fields as string[]) : Object.keys(model.fields).filter((f) => f !== 'password' || model.name !== 'res.users');
  for (const name of names) {
    if (typeof name !== 'string' || !model.fields[name]) throw new ValueErrorPy(`Invalid field '${String(name)}' on model '${model.name}'`);
  }
  if (recordIds.length === 0) return [];
  const stored = names.filter((n) => model.fields[n]!.sql);
  const extra = model.name === 'ir.attachment' && names.includes('datas') ? ['t.store_fname AS "__store_fname"'] : [];
  const select = ['t.id AS "__id"', ...stored.map((n) => `${model.fields[n]!.sql} AS "${n}"`), ...extra].join(', ');
  const { rows } = await env.client.query(`SELECT ${select} FROM ${model.table} t WHERE t.id = ANY($1)`, [recordIds]);
  const byId = new Map<number, Record<string, unknown>>(rows.map((r: Record<string, unknown>) => [r.__id as number, r]));
  const missing = recordIds.filter((id) => !byId.has(id));
  if (missing.length) {
    throw new MissingError(
      `Record does not exist or has been deleted.\n(Record: ${model.name}(${missing.join(', ')},), User: ${env.uid})`,
    );
  }
  const out: Array<Record<string, RpcValue>> = [];
  for (const id of recordIds) {
    const row = byId.get(id)!;
    const record: Record<string, RpcValue> = {};
    for (const name of names) {
      const field = model.fields[name]!;
      record[name] = await readValue(env, model, field, name, row);
    }
    record.id = id;
    out.push(record);
  }
  return out;
}

async function readValue(env: Env, model: ModelDef, field: FieldDef, name: string, row: Record<string, unknown>): Promise<RpcValue> {
  if (model.name === 'res.users' && name === 'password') return '';
  if (model.name === 'ir.attachment' && name === 'datas') {
    const fname = row.__store_fname as string | null;
    if (!fname) return false;
    const data = await env.filestore.read(fname);
    return data.length ? data.toString('base64') : false;
  }
  const value = row[name];
  if (value === null || value === undefined) return field.type === 'boolean' ? false : field.type === 'integer' || field.type === 'float' ? (field.type === 'float' ? new RpcDouble(0) : 0) : false;
  switch (field.type) {
    case 'many2one': {
      const related = MODELS[field.relation!];
      const id = Number(value);
      if (field.relation === 'res.company') return [id, 'My Company'];
      const { rows } = await env.client.query(`SELECT ${related!.displayName} AS n FROM ${related!.table} t WHERE t.id = $1`, [id]);
      return [id, rows[0]?.n ?? false];
    }
    case 'datetime':
      return formatDatetime(value);
    case 'float':
      return new RpcDouble(Number(value));
    case 'integer':
      return Number(value);
    default:
      return value as RpcValue;
  }
}

function columnOf(field: FieldDef): string | null {
  const m = /^t\.(\w+)$/.exec(field.sql ?? '');
  return m ? m[1]! : null;
}

function checkValues(model: ModelDef, vals: RpcValue): Record<string, RpcValue> {
  if (!vals || typeof vals !== 'object' || Array.isArray(vals) || Buffer.isBuffer(vals) || vals instanceof Date) {
    throw new PythonError('TypeError', `values must be a dictionary, got ${JSON.stringify(vals)}`);
  }
  for (const key of Object.keys(vals)) {
    if (!model.fields[key]) throw new ValueErrorPy(`Invalid field '${key}' on model '${model.name}'`);
  }
  return vals as Record<string, RpcValue>;
}

function sqlValue(field: FieldDef, value: RpcValue): unknown {
  if (field.type === 'boolean') return Boolean(value);
  if (value === false || value === null) return null;
  if (field.type === 'many2one' && Array.isArray(value)) return value[0];
  return value;
}

async function writeColumns(env: Env, model: ModelDef, recordIds: number[], vals: Record<string, RpcValue>): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [recordIds];
  for (const [name, value] of Object.entries(vals)) {
    const field = model.fields[name]!;
    const column = columnOf(field);
    if (!column || field.readonly) continue;
    params.push(sqlValue(field, value));
    sets.push(`${column} = $${params.length}`);
  }
  if (model.fields.write_date) sets.push("write_date = now() AT TIME ZONE 'UTC'");
  if (sets.length) await env.client.query(`UPDATE ${model.table} SET ${sets.join(', ')} WHERE id = ANY($1)`, params);
}

async function insertColumns(env: Env, model: ModelDef, vals: Record<string, RpcValue>, extra: Record<string, unknown> = {}): Promise<number> {
  const columns: string[] = [];
  const params: unknown[] = [];
  for (const [name, value] of Object.entries(vals)) {
    const field = model.fields[name]!;
    const column = columnOf(field);
    if (!column || field.readonly || name === 'id') continue;
    columns.push(column);
    params.push(sqlValue(field, value));
  }
  for (const [column, value] of Object.entries(extra)) {
    columns.push(column);
    params.push(value);
  }
  const placeholders = params.map((_, i) => `$${i + 1}`).join(', ');
  const sql = columns.length
    ? `INSERT INTO ${model.table} (${columns.join(', ')}) VALUES (${placeholders}) RETURNING id`
    : `INSERT INTO ${model.table} DEFAULT VALUES RETURNING id`;
  const { rows } = await env.client.query(sql, params);
  return rows[0].id as number;
}

function requireFields(model: ModelDef, vals: Record<string, RpcValue>): void {
  for (const [name, field] of Object.entries(model.fields)) {
    if (field.required && (vals[name] === undefined || vals[name] === false || vals[name] === '')) {
      throw new ValidationError(`The operation cannot be completed: Missing required fields on ${model.description} (${model.name}): ${field.string}.`);
    }
  }
}

async function uniqueViolation<T>(fn: () => Promise<T>, model: ModelDef): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      if (model.name === 'res.users') throw new ValidationError('You can not have two users with the same login!');
      throw new ValidationError(`The operation cannot be completed: duplicate key on ${model.description} (${model.name}).`);
    }
    throw error;
  }
}

async function create(env: Env, model: ModelDef, raw: RpcValue): Promise<number> {
  const vals = checkValues(model, raw);
  await checkAccess(env, model, 'create');
  if (model.name === 'res.users') {
    requireFields(model, vals);
    return uniqueViolation(async () => {
      const partner = await insertColumns(env, MODELS['res.partner']!, { name: vals.name!, email: vals.email ?? false });
      const extra: Record<string, unknown> = { partner_id: partner };
      const { name: _name, email: _email, password, ...rest } = vals;
      if (typeof password === 'string' && password) extra.password = await hashPassword(password);
      return insertColumns(env, model, rest, extra);
    }, model);
  }
  if (model.name === 'ir.attachment') {
    requireFields(model, vals);
    const { datas, ...rest } = vals;
    const extra: Record<string, unknown> = { create_uid: env.uid };
    if (datas !== undefined && datas !== false) {
      if (typeof datas !== 'string') throw new PythonError('TypeError', 'datas must be a base64 string');
      const bin = Buffer.from(datas, 'base64');
      const checksum = createHash('sha1').update(bin).digest('hex');
      extra.store_fname = await env.filestore.write(bin, checksum);
      extra.checksum = checksum;
      extra.file_size = bin.length;
      if (!rest.mimetype) rest.mimetype = guessMimetype(String(rest.name ?? ''), bin);
    }
    if (!rest.type) rest.type = 'binary';
    return insertColumns(env, model, rest, extra);
  }
  if (model.name === 'res.partner' && !vals.name) {
    throw new ValidationError('The operation cannot be completed: Contacts require a name');
  }
  requireFields(model, vals);
  return uniqueViolation(() => insertColumns(env, model, vals), model);
}

function guessMimetype(name: string, bin: Buffer): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = {
    txt: 'text/plain',
    csv: 'text/csv',
    pdf: 'application/pdf',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    json: 'application/json',
    xml: 'application/xml',
    html: 'text/html',
    zip: 'application/zip',
  };
  if (byExt[ext]) return byExt[ext]!;
  if (bin.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  if (bin.length && !bin.subarray(0, 1024).some((b) => b === 0)) return 'text/plain';
  return 'application/octet-stream';
}

async function write(env: Env, model: ModelDef, recordIds: number[], raw: RpcValue): Promise<boolean> {
  const vals = checkValues(model, raw);
  await readRecords(env, model, recordIds, ['id']); // MissingError on unknown ids
  const self = model.name === 'res.users' && recordIds.length === 1 && recordIds[0] === env.uid;
  if (!(self && Object.keys(vals).every((k) => SELF_WRITEABLE.includes(k)))) await checkAccess(env, model, 'write');
  for (const name of Object.keys(vals)) {
    if (model.fields[name]!.readonly && name !== 'datas') throw new UserError(`Field '${name}' of ${model.name} is read-only.`);
  }
  if (model.name === 'res.users') {
    const { name, email, password, ...rest } = vals;
    if (name !== undefined || email !== undefined) {
      const partnerVals: Record<string, RpcValue> = {};
      if (name !== undefined) partnerVals.name = name;
      if (email !== undefined) partnerVals.email = email;
      const { rows } = await env.client.query('SELECT partner_id FROM res_users WHERE id = ANY($1)', [recordIds]);
      await writeColumns(env, MODELS['res.partner']!, rows.map((r: { partner_id: number }) => r.partner_id), partnerVals);
    }
    if (password !== undefined) {
      if (typeof password !== 'string' || !password) throw new UserError('Setting empty passwords is not allowed for security reasons!');
      const hashed = await hashPassword(password);
      await env.client.query("UPDATE res_users SET password = $2, write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY($1)", [recordIds, hashed]);
    }
    await uniqueViolation(() => writeColumns(env, model, recordIds, rest), model);
    return true;
  }
  if (model.name === 'ir.attachment' && vals.datas !== undefined) {
    const { datas, ...rest } = vals;
    const bin = typeof datas === 'string' ? Buffer.from(datas, 'base64') : Buffer.alloc(0);
    const checksum = createHash('sha1').update(bin).digest('hex');
    const fname = bin.length ? await env.filestore.write(bin, checksum) : null;
    await env.client.query('UPDATE ir_attachment SET store_fname = $2, checksum = $3, file_size = $4 WHERE id = ANY($1)', [
      recordIds,
      fname,
      bin.length ? checksum : null,
      bin.length,
    ]);
    await writeColumns(env, model, recordIds, rest);
    return true;
  }
  await uniqueViolation(() => writeColumns(env, model, recordIds, vals), model);
  return true;
}

async function unlink(env: Env, model: ModelDef, recordIds: number[]): Promise<boolean> {
  await checkAccess(env, model, 'unlink');
  if (model.name === 'res.users' && recordIds.some((id) => id <= 2)) {
    throw new UserError('You can not remove the admin user as it is used internally for resources created by Odoo (updates, module installation, ...)');
  }
  await env.client.query(`DELETE FROM ${model.table} WHERE id = ANY($1)`, [recordIds]);
  return true;
}

// ---- dispatch: execute_kw(model, method, args, kwargs) ---------------------------------------------

/** Python's positional/keyword binding for the few signatures the double offers. */
function bind(names: string[], args: RpcValue[], kwargs: Record<string, RpcValue>, method: string): Record<string, RpcValue | undefined> {
  if (args.length > names.length) {
    throw new PythonError('TypeError', `${method}() takes at most ${names.length} positional arguments (${args.length} given)`);
  }
  const bound: Record<string, RpcValue | undefined> = {};
  names.forEach((name, i) => {
    if (i < args.length) bound[name] = args[i];
  });
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'context') continue;
    if (!names.includes(key)) throw new PythonError('TypeError', `${method}() got an unexpected keyword argument '${key}'`);
    if (bound[key] !== undefined) throw new PythonError('TypeError', `${method}() got multiple values for argument '${key}'`);
    bound[key] = value;
  }
  return bound;
}

export async function callKw(env: Env, modelName: string, method: string, args: RpcValue[], kwargs: Record<string, RpcValue>): Promise<RpcValue> {
  if (method.startsWith('_')) throw new AccessError(`Private methods (such as '${method}') cannot be called remotely.`);
  const model = modelOf(modelName);
  if (kwargs.context && typeof kwargs.context === 'object' && !Array.isArray(kwargs.context)) {
    env.context = { ...env.context, ...(kwargs.context as Record<string, RpcValue>) };
  }
  const a = (names: string[]) => bind(names, args, kwargs, method);
  switch (method) {
    case 'search': {
      const p = a(['domain', 'offset', 'limit', 'order']);
      await checkAccess(env, model, 'read');
      return search(env, model, p.domain ?? [], Number(p.offset ?? 0), (p.limit as number) || null, p.order);
    }
    case 'search_count': {
      const p = a(['domain', 'limit']);
      await checkAccess(env, model, 'read');
      return (await search(env, model, p.domain ?? [], 0, (p.limit as number) || null)).length;
    }
    case 'read': {
      const p = a(['ids', 'fields', 'load']);
      await checkAccess(env, model, 'read');
      return readRecords(env, model, ids(p.ids ?? []), p.fields);
    }
    case 'search_read': {
      const p = a(['domain', 'fields', 'offset', 'limit', 'order']);
      await checkAccess(env, model, 'read');
      const found = await search(env, model, p.domain ?? [], Number(p.offset ?? 0), (p.limit as number) || null, p.order);
      return readRecords(env, model, found, p.fields);
    }
    case 'create': {
      const p = a(['vals_list']);
      const list = p.vals_list;
      if (Array.isArray(list)) {
        const created: number[] = [];
        for (const vals of list) created.push(await create(env, model, vals));
        return created;
      }
      return create(env, model, list ?? {});
    }
    case 'write': {
      const p = a(['ids', 'vals']);
      return write(env, model, ids(p.ids ?? []), p.vals ?? {});
    }
    case 'unlink': {
      const p = a(['ids']);
      return unlink(env, model, ids(p.ids ?? []));
    }
    case 'fields_get': {
      a(['allfields', 'attributes']);
      const out: Record<string, RpcValue> = {};
      for (const [name, field] of Object.entries(model.fields)) {
        out[name] = { type: field.type, string: field.string, readonly: Boolean(field.readonly), required: Boolean(field.required), store: Boolean(field.sql) };
        if (field.relation) (out[name] as Record<string, RpcValue>).relation = field.relation;
      }
      return out;
    }
    case 'check_access_rights': {
      const p = a(['operation', 'raise_exception']);
      const operation = String(p.operation) as 'read' | 'write' | 'create' | 'unlink';
      if (!['read', 'write', 'create', 'unlink'].includes(operation)) throw new ValueErrorPy(`Invalid access mode: ${operation}`);
      try {
        await checkAccess(env, model, operation);
        return true;
      } catch (error) {
        if (p.raise_exception === false) return false;
        throw error;
      }
    }
    default:
      break;
  }
  if (model.name === 'ir.config_parameter' && method === 'get_param') {
    const p = a(['key', 'default']);
    await checkAccess(env, model, 'read');
    const { rows } = await env.client.query('SELECT value FROM ir_config_parameter WHERE key = $1', [String(p.key)]);
    return rows.length ? (rows[0].value as string) : (p.default ?? false);
  }
  if (model.name === 'ir.config_parameter' && method === 'set_param') {
    const p = a(['key', 'value']);
    await checkAccess(env, model, 'write');
    const key = String(p.key);
    const { rows } = await env.client.query('SELECT value FROM ir_config_parameter WHERE key = $1', [key]);
    if (p.value === false || p.value === null || p.value === undefined) {
      await env.client.query('DELETE FROM ir_config_parameter WHERE key = $1', [key]);
    } else {
      await env.client.query(
        "INSERT INTO ir_config_parameter (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = now() AT TIME ZONE 'UTC'",
        [key, String(p.value)],
      );
    }
    return rows.length ? (rows[0].value as string) : false;
  }
  if (model.name === 'res.users' && method === 'change_password') {
    const p = a(['old_passwd', 'new_passwd']);
    const { rows } = await env.client.query('SELECT password FROM res_users WHERE id = $1', [env.uid]);
    if (!(await verifyPassword(String(p.old_passwd ?? ''), rows[0]?.password))) throw new AccessDenied();
    if (!p.new_passwd) throw new UserError('Setting empty passwords is not allowed for security reasons!');
    await env.client.query("UPDATE res_users SET password = $2, write_date = now() AT TIME ZONE 'UTC' WHERE id = $1", [
      env.uid,
      await hashPassword(String(p.new_passwd)),
    ]);
    return true;
  }
  throw new PythonError('AttributeError', `The method '${method}' does not exist on the model '${model.name}'`);
}

/** For authentication: the stored hash and state of a user, by login or id (no access rules apply). */
export async function userByLogin(client: pg.ClientBase, login: string): Promise<{ id: number; password: string | null; active: boolean } | null> {
  const { rows } = await client.query('SELECT id, password, active FROM res_users WHERE login = $1 AND active ORDER BY id LIMIT 1', [login]);
  return rows[0] ?? null;
}

export async function userById(
  client: pg.ClientBase,
  uid: number,
): Promise<{ id: number; login: string; password: string | null; active: boolean; share: boolean; name: string; partner_id: number } | null> {
  const { rows } = await client.query(
    `SELECT u.id, u.login, u.password, u.active, u.share, u.partner_id, p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id WHERE u.id = $1`,
    [uid],
  );
  return rows[0] ?? null;
}
