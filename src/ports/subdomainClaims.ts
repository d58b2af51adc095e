/** Platform-wide uniqueness of subdomains: a decider sees one stream, so the claim is kept outside
 * the event store (src/adapters/sagas), taken by the provision saga's first step and released by
 * compensation or deletion. */
export interface SubdomainClaims {
  /** Idempotent for the same instance; false when another instance holds the subdomain. */
  claim(subdomain: string, instanceId: string): Promise<boolean>;
  /** Releases whatever this instance holds (absent is fine). */
  release(instanceId: string): Promise<void>;
  ownerOf(subdomain: string): Promise<string | null>;
  subdomainOf(instanceId: string): Promise<string | null>;
}
