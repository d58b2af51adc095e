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
