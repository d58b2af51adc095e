/** Who is asking. Built by the ingress (HTTP authentication, AMQP connection identity), never taken
 * from a request body. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; operator: boolean; sessionId: string | null }
  | { kind: 'apiKey'; keyId: string; tenantId: string; scopes: readonly string[] }
  /** A platform component or a configured machine identity (e.g. the AMQP ingress's connection). */
  | { kind: 'system'; component: string };

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
    default: {
      const unknown: never = principal;
      return unknown;
    }
  }
}
