import type { Principal } from './principal';
import { apiKeyScopes } from './tenantPermissions';

const brokerUserPattern = /^[A-Za-z0-9._@-]{1,128}$/;
const componentPattern = /^[a-z0-9._-]{1,64}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * AMQP_PUBLISHERS (JSON): which broker users may send commands, and as whom (docs/decisions/027).
 * `{"<broker user>": {"system": "<name>"}}` acts as the operator-level `system:<name>`;
 * `{"<broker user>": {"tenantId": "<uuid>", "scopes": [...]}}` acts in that tenant only, with API-key
 * scopes. Blank = nobody. Anything else is an error at start, so a typo never widens or silently
 * drops access.
 */
export function parseAmqpPublishers(json: string): Readonly<Record<string, Principal>> {
  if (!json.trim()) return {};
  const given = JSON.parse(json) as unknown;
  if (!given || typeof given !== 'object' || Array.isArray(given)) throw new Error('AMQP_PUBLISHERS must be a JSON object keyed by broker user');
  const publishers: Record<string, Principal> = {};
  for (const [user, entry] of Object.entries(given as Record<string, unknown>)) {
    if (!brokerUserPattern.test(user)) throw new Error(`AMQP_PUBLISHERS: ${JSON.stringify(user)} is not a broker user name`);
    publishers[user] = publisherPrincipal(user, entry);
  }
  return publishers;
}

function publisherPrincipal(user: string, entry: unknown): Principal {
  const fields = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
  const keys = Object.keys(fields).sort().join(',');
  if (keys === 'system' && typeof fields.system === 'string' && componentPattern.test(fields.system)) {
    return { kind: 'system', component: fields.system };
  }
  if (keys === 'scopes,tenantId' && typeof fields.tenantId === 'string' && uuidPattern.test(fields.tenantId) && Array.isArray(fields.scopes)) {
    const unknown = fields.scopes.filter((scope) => !(apiKeyScopes as readonly unknown[]).includes(scope));
    if (unknown.length > 0) throw new Error(`AMQP_PUBLISHERS.${user}: scopes ${JSON.stringify(unknown)} are not among ${apiKeyScopes.join(', ')}`);
    return { kind: 'serviceAccount', account: user, tenantId: fields.tenantId.toLowerCase(), scopes: fields.scopes as string[] };
  }
  throw new Error(`AMQP_PUBLISHERS.${user} must be {"system": "<name>"} or {"tenantId": "<uuid>", "scopes": [...]}`);
}
