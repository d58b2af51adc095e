/** The one form of an email address used for uniqueness and lookups: NFKC (so full-width and
 * composed look-alikes fold together), trimmed, lower-cased. Dots and `+tags` are kept: they are
 * distinct mailboxes at most providers. */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}
