import { InvalidStorageKeyError } from '../../ports/backupStorageErrors';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Relative, `/`-separated, no `..`, no empty segment: a key can never escape the fs root. */
export function checkStorageKey(key: string, options: { prefix?: boolean } = {}): string {
  const segments = key.split('/');
  const trailingSlash = options.prefix && key.endsWith('/');
  const checked = trailingSlash ? segments.slice(0, -1) : segments;
  if ((key !== '' || !options.prefix) && !checked.every((segment) => SEGMENT.test(segment) && segment !== '..' && !segment.endsWith('.tmp'))) {
    throw new InvalidStorageKeyError(key);
  }
  return key;
}
