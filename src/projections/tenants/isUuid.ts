const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach queries from URLs; anything else would make PostgreSQL raise a cast error. */
export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
