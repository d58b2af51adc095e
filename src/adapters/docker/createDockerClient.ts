import Docker from 'dockerode';

// One client (one socket agent) per process or test suite; dockerode connections are cheap but
// a fresh client per call would defeat keep-alive.
export function createDockerClient(socketPath: string): Docker {
  return new Docker({ socketPath });
}
