/** The bytes in storage are not the bytes that were backed up: never restore them. */
export class ChecksumMismatchError extends Error {
  constructor(readonly key: string, readonly expected: { sha256: string; size: number }, readonly actual: { sha256: string; size: number }) {
    super(`archive ${key} does not match its manifest (sha256 ${actual.sha256.slice(0, 12)}…/${actual.size} bytes, expected ${expected.sha256.slice(0, 12)}…/${expected.size} bytes)`);
    this.name = 'ChecksumMismatchError';
  }

  /** The platform's own finding, in its own words: fit for the tenant (tenantSafeReason). */
  get tenantVisible(): true {
    return true;
  }
}
