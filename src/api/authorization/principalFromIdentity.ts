import type { Principal } from '../../domain/authorization/principal';

/** The principal of a configured machine identity (AMQP_COMMAND_IDENTITY, e.g. `system:amqp`):
 * what the AMQP ingress passes to authorizeCommand for every message of its connection. */
export function principalFromIdentity(identity: string): Principal {
  const match = /^system:([a-z0-9._-]+)$/.exec(identity);
  if (!match) throw new Error(`Unsupported machine identity ${JSON.stringify(identity)}; use system:<name>`);
  return { kind: 'system', component: match[1]! };
}
