// Docker's own errors carry an HTTP statusCode (docker-modem).

export function dockerStatusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export function isDockerNotFound(error: unknown): boolean {
  return dockerStatusCode(error) === 404;
}

/** 404 also means "no such network/image/volume" on start and create: only this one is "no container". */
export function isNoSuchContainer(error: unknown): boolean {
  return isDockerNotFound(error) && /no such container/i.test(String((error as { message?: unknown }).message));
}

/** 304 = already started/stopped: the state we asked for. */
export function isDockerNotModified(error: unknown): boolean {
  return dockerStatusCode(error) === 304;
}

export function isDockerConflict(error: unknown): boolean {
  return dockerStatusCode(error) === 409;
}
