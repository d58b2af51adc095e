export class DatabaseOwnerMismatchError extends Error {
  constructor(readonly database: string, readonly owner: string, readonly expectedOwner: string) {
    super(`database ${database} exists owned by ${owner}, not ${expectedOwner}`);
    this.name = 'DatabaseOwnerMismatchError';
  }
}

/** pg_dump / pg_restore exited non-zero; `stderr` is its last output (it never contains the password). */
export class PgToolError extends Error {
  constructor(readonly tool: string, readonly exitCode: number | null, readonly stderr: string) {
    super(`${tool} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    this.name = 'PgToolError';
  }
}

/** SQLSTATE of a pg error, if any. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A role or database of the name asked for exists without the platform's mark for this owner:
 * something else made it (another tenant's resource, an operator's), so it is never adopted. The
 * message names no owner. */
export class ResourceNotOursError extends Error {
  constructor(readonly kind: string, readonly resource: string) {
    super(`${kind} ${resource} exists and was not created for this instance; it is left untouched`);
    this.name = 'ResourceNotOursError';
  }
}
