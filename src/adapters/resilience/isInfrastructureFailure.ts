// Only failures of the dependency itself should open a breaker. A 404/409 from Docker, a permission
// error or a "database owned by another role" from PostgreSQL are answers from a healthy service:
// counting them would let one bad saga cut every other saga off from Docker.
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);

export function isInfrastructureFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, statusCode, message } = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // PostgreSQL SQLSTATE: connection exception, insufficient resources, operator intervention, system error
    if (/^(08|53|58)/.test(code) || /^57P0[123]$/.test(code)) return true;
  }
  if (typeof statusCode === 'number' && statusCode >= 500) return true;
  // pg reports a dropped connection without a code
  return typeof message === 'string' && /Connection terminated|connection timeout|socket hang up/i.test(message);
}
