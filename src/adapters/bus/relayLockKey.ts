/** The advisory-lock key (hashed with hashtextextended) that keeps one relay of a name active. */
export function relayLockKey(busSchema: string, relay: string): string {
  return `platform.relay:${busSchema}:${relay}`;
}
