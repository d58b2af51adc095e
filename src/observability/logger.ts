import pino, { type Logger } from 'pino';

// Secrets never reach a log line: these paths are censored wherever they appear.
export const redactedPaths = [
  'password', '*.password', '*.*.password', 'newPassword', '*.newPassword', 'currentPassword', '*.currentPassword',
  'token', '*.token', '*.*.token', 'apiKey', '*.apiKey', 'secret', '*.secret',
  'secretAccessKey', '*.secretAccessKey', '*.*.secretAccessKey', 'BACKUP_S3_SECRET_ACCESS_KEY', '*.BACKUP_S3_SECRET_ACCESS_KEY',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.headers.authorization',
  // Another caller sending the key gets nothing (keys are scoped per caller), but a logged key is a
  // retry handle for anyone who can act as that caller.
  'req.headers["idempotency-key"]', 'headers["idempotency-key"]', '*.headers["idempotency-key"]',
  'DATABASE_URL', 'AMQP_URL', 'INSTANCE_DB_ADMIN_URL', '*.DATABASE_URL', '*.AMQP_URL', '*.INSTANCE_DB_ADMIN_URL',
  // Paynow's integration key signs every payment message (src/adapters/paynow).
  'PAYNOW_INTEGRATION_KEY', '*.PAYNOW_INTEGRATION_KEY', 'integrationKey', '*.integrationKey', '*.*.integrationKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { service: 'control-plane' }, redact: { paths: redactedPaths, censor: '[redacted]' }, onChild: withoutRepeatedKeys },
    destination,
  );
}

const chindings = pino.symbols.chindingsSym;

/** pino appends a child's bindings to its parent's, so `child({ component: 'relay' })` of a
 * `component: 'bus'` logger wrote the key twice. The child's value wins (as a JSON reader's would):
 * the bindings string is rewritten once, when the child is made, never per line. */
function withoutRepeatedKeys(child: Logger): void {
  const holder = child as unknown as Record<symbol, string>;
  const bound = holder[chindings];
  if (typeof bound !== 'string' || bound.length === 0) return;
  const merged = JSON.parse(`{${bound.slice(1)}}`) as Record<string, unknown>;
  const rewritten = `,${JSON.stringify(merged).slice(1, -1)}`;
  if (rewritten.length !== bound.length) holder[chindings] = rewritten;
}
