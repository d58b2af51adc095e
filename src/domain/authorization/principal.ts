/** Who is asking. Built by the ingress (HTTP authentication, AMQP connection identity), never taken
 * from a request body. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; operator: boolean; sessionId: string | null }
  | { kind: 'apiKey'; keyId: string; tenantId: string; scopes: readonly string[] }
  /** A platform component or a configured operator-level machine identity (an AMQP publisher
   * mapped to `system:<name>`). */
  | { kind: 'system'; component: string }
  /** A machine identity bound to one tenant, with scopes like an API key's (an AMQP publisher
   * mapped to a tenant); configured by operators, so there is no revocation record to check. */
  | { kind: 'serviceAccount'; account: string; tenantId: string; scopes: readonly string[] };

export const anonymous: Principal = { kind: 'anonymous' };

/** The `actor` recorded in command and event metadata. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'user':
      return principal.userId;
    case 'apiKey':
      return `apikey:${principal.keyId}`;
    case 'system':
      return `system:${principal.component}`;
    case 'serviceAccount':
      return `service:${principal.account}`;
    default: {
      const unknown: never = principal;
      return unknown;
    }
  }
}
