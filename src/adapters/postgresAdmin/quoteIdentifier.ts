// Role and database names cannot be bind parameters in DDL. Only names of the platform's own shape
// are accepted (inst_<shortId>), then quoted, so no caller-supplied text reaches SQL unchecked.
const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`${JSON.stringify(name)} is not a valid instance role or database name`);
  return `"${name}"`;
}
