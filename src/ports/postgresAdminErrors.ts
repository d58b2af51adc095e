// Errors the PostgresAdmin port throws and the sagas distinguish.

export class DatabaseOwnerMismatchError extends Error {
  constructor(readonly database: string, readonly owner: string, readonly expectedOwner: string) {
    super(`database ${database} exists owned by ${owner}, not ${expectedOwner}`);
    this.name = 'DatabaseOwnerMismatchError';
  }
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
