// Errors the DockerEngine port throws and the sagas and the health watcher distinguish.

/** The container exists with a different configuration than asked for (never lists env values: PASSWORD). */
export class ContainerConfigMismatchError extends Error {
  constructor(readonly container: string, readonly differences: string[]) {
    super(`container ${container} exists with a different configuration: ${differences.join('; ')}`);
    this.name = 'ContainerConfigMismatchError';
  }
}

/** The container stopped while we waited for it to become healthy: retrying will not help. */
export class ContainerExitedError extends Error {
  constructor(readonly container: string, readonly exitCode: number | null, readonly oomKilled: boolean) {
    super(`container ${container} exited (exit code ${exitCode ?? 'unknown'}${oomKilled ? ', OOMKilled' : ''})`);
    this.name = 'ContainerExitedError';
  }
}

export class ContainerNotFoundError extends Error {
  constructor(readonly container: string) {
    super(`container ${container} does not exist`);
    this.name = 'ContainerNotFoundError';
  }
}

export class HealthTimeoutError extends Error {
  constructor(readonly container: string, readonly timeoutMs: number, readonly lastObservation: string) {
    super(`container ${container} was not healthy within ${timeoutMs} ms (last: ${lastObservation})`);
    this.name = 'HealthTimeoutError';
  }
}

/** A volume or container of the instance's name exists without this instance's label: never adopted
 * (or recreated over), whoever made it. */
export class DockerResourceNotOursError extends Error {
  constructor(readonly kind: 'volume' | 'container', readonly resource: string) {
    super(`${kind} ${resource} exists and was not created for this instance; it is left untouched`);
    this.name = 'DockerResourceNotOursError';
  }
}
