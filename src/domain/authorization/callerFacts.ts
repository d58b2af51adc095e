/** What the policy needs to know about the person asking, beyond their tenant role (read from their
 * own stream by the authorizer, only when a decision depends on it). */
export interface CallerFacts {
  emailVerified: boolean;
}
