/** Names the platform itself answers on, or that would mislead customers; refused platform-wide. */
export const reservedSubdomains: ReadonlySet<string> = new Set([
  'www', 'api', 'app', 'admin', 'administrator', 'root', 'platform', 'control', 'dashboard', 'status', 'health',
  'auth', 'login', 'sso', 'oauth', 'account', 'accounts', 'billing', 'pay', 'payments', 'mail', 'smtp', 'imap',
  'pop', 'ftp', 'ns', 'ns1', 'ns2', 'dns', 'mx', 'static', 'assets', 'cdn', 'docs', 'help', 'support', 'blog',
  'traefik', 'caddy', 'grafana', 'prometheus', 'metrics', 'rabbitmq', 'minio', 's3', 'mailhog', 'localhost',
  'odoo', 'test', 'staging', 'internal',
]);

// One DNS label (RFC 1123), lower case only: subdomains are compared as text platform-wide.
const dnsLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a subdomain is refused, or null when acceptable. Shared by the command schema (400 with a
 * field message) and the decider (the last line of defence for internal callers). */
export function subdomainProblem(subdomain: string): string | null {
  if (subdomain.length < 3) return 'must be at least 3 characters';
  if (!dnsLabel.test(subdomain)) return 'must be a DNS label: lower-case letters, digits and inner hyphens, at most 63 characters';
  if (subdomain.includes('--')) return 'must not contain consecutive hyphens';
  if (reservedSubdomains.has(subdomain)) return `"${subdomain}" is reserved`;
  return null;
}
