// Errors the BackupStorage port throws (its contract suite: tests/adapters/storage).

export class StorageObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`backup object ${key} does not exist`);
    this.name = 'StorageObjectNotFoundError';
  }
}

/** Keys come from the platform (ids), but a key is still checked before it becomes a path. */
export class InvalidStorageKeyError extends Error {
  constructor(readonly key: string) {
    super(`${JSON.stringify(key)} is not a valid backup object key`);
    this.name = 'InvalidStorageKeyError';
  }
}
