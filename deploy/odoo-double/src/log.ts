// Odoo's log format: "%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s", on stderr
// (Odoo's default handler). Passwords are never passed to these functions.

export type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

let logLevel: Level = 'INFO';
const ORDER: Level[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

export function setLogLevel(level: string | undefined): void {
  const upper = (level ?? 'info').toUpperCase().replace(/^WARN$/, 'WARNING');
  if ((ORDER as string[]).includes(upper)) logLevel = upper as Level;
  if (upper === 'DEBUG_RPC' || upper === 'DEBUG_SQL' || upper === 'DEBUG_RPC_ANSWER') logLevel = 'DEBUG';
}

function timestamp(): string {
  const d = new Date();
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())},${p(d.getUTCMilliseconds(), 3)}`;
}

export function log(level: Level, db: string | null | undefined, logger: string, message: string): void {
  if (ORDER.indexOf(level) < ORDER.indexOf(logLevel)) return;
  process.stderr.write(`${timestamp()} ${process.pid} ${level} ${db || '?'} ${logger}: ${message}\n`);
}

export const logger = (name: string) => ({
  debug: (db: string | null | undefined, message: string) => log('DEBUG', db, name, message),
  info: (db: string | null | undefined, message: string) => log('INFO', db, name, message),
  warning: (db: string | null | undefined, message: string) => log('WARNING', db, name, message),
  error: (db: string | null | undefined, message: string) => log('ERROR', db, name, message),
  critical: (db: string | null | undefined, message: string) => log('CRITICAL', db, name, message),
});
