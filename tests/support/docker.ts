import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { createDockerClient } from '../../src/adapters/docker/createDockerClient';
import type { DockerAdapterSettings } from '../../src/adapters/docker/instanceContainerSpec';
import type { InstanceContainerSpec } from '../../src/ports/dockerEngine';

// Integration tests run against the real engine that .ci/services.sh starts, with the stand-in image.
export const STANDIN_IMAGE = process.env.TEST_INSTANCE_IMAGE ?? 'platform-test/odoo-standin:latest';
/** The Odoo contract double (.ci/build-odoo-double.sh), one image per supported version: what
 * provisioning runs in tests (it initialises and serves Odoo's public surface). */
export const ODOO_DOUBLE_IMAGES = { '17.0': 'platform-test/odoo:17.0', '18.0': 'platform-test/odoo:18.0' } as const;
export const TEST_LABEL = 'platform.test';
export const TEST_SUITE_LABEL = 'platform.test.suite';
/** The jest worker that created a resource: several test runs share one engine (developers, CI, sessions). */
export const TEST_PID_LABEL = 'platform.test.pid';

/** One client per suite. */
export function createTestDocker(): Docker {
  return createDockerClient(process.env.DOCKER_SOCKET ?? '/var/run/docker.sock');
}

/**
 * Settings for a suite: its own network and labels, per process, so parallel suites and concurrent
 * runs of the same suite never clean up each other's containers.
 */
export function testDockerSettings(suite: string, overrides: Partial<DockerAdapterSettings> = {}): DockerAdapterSettings {
  return {
    image: STANDIN_IMAGE,
    network: `pt_${suite}_${process.pid}`,
    httpPort: 8069,
    dbHost: 'host.docker.internal',
    dbPort: 5433,
    baseDomain: 'test.localhost',
    traefikEntrypoint: 'web',
    stopTimeoutSeconds: 0,
    healthTimeoutMs: 5000,
    healthPollMs: 50,
    extraLabels: { [TEST_LABEL]: '1', [TEST_SUITE_LABEL]: suite, [TEST_PID_LABEL]: String(process.pid) },
    healthAddress: 'container-ip',
    onMismatch: 'fail',
    ...overrides,
  };
}

export function testInstanceSpec(overrides: Partial<InstanceContainerSpec> = {}): InstanceContainerSpec {
  const instanceId = overrides.instanceId ?? randomUUID();
  return {
    instanceId,
    tenantId: randomUUID(),
    subdomain: `t${instanceId.slice(0, 8)}`,
    dbUser: `inst_${instanceId.slice(0, 8)}`,
    dbPassword: 'not-a-real-secret',
    limits: { memoryBytes: 64 * 1024 * 1024, nanoCpus: 500_000_000 },
    ...overrides,
  };
}

/**
 * Removes the containers, volumes and networks labelled platform.test=1 (of one suite when given) that
 * belong to this process or to a process that no longer runs (leftovers of a killed run). Suites call
 * it at start and at end; resources of another live test process are never touched.
 */
export async function removeTestDockerResources(docker: Docker, suite?: string): Promise<void> {
  const label = suite ? [`${TEST_SUITE_LABEL}=${suite}`] : [`${TEST_LABEL}=1`];
  const filters = JSON.stringify({ label });
  const removable = (labels: Record<string, string> | null | undefined) => isOursOrOrphaned(labels?.[TEST_PID_LABEL]);
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.filter((c) => removable(c.Labels)).map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(ignoreGone)));
  const { Volumes } = (await docker.listVolumes({ filters } as Docker.VolumeListOptions)) as {
    Volumes: Array<{ Name: string; Labels: Record<string, string> | null }> | null;
  };
  await Promise.all((Volumes ?? []).filter((v) => removable(v.Labels)).map((v) => docker.getVolume(v.Name).remove().catch(ignoreGone)));
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.filter((n) => removable(n.Labels)).map((n) => docker.getNetwork(n.Id).remove().catch(ignoreGone)));
}

function isOursOrOrphaned(pidLabel: string | undefined): boolean {
  const pid = Number(pidLabel);
  if (!pidLabel || !Number.isInteger(pid) || pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function ignoreGone(error: { statusCode?: number }): void {
  if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
}

/** `docker exec` for assertions inside a container; returns combined output and exit code. */
export async function execInContainer(docker: Docker, name: string, cmd: string[]): Promise<{ exitCode: number | null; output: string }> {
  const exec = await docker.getContainer(name).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const sink = { write: (chunk: Buffer) => chunks.push(chunk) } as unknown as NodeJS.WritableStream;
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode, output: Buffer.concat(chunks).toString('utf8') };
}

/** Entries (name → content) of a tar stream; enough of the format for test archives. */
export async function readTar(stream: NodeJS.ReadableStream): Promise<Map<string, Buffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  const data = Buffer.concat(chunks);
  const entries = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | null = null;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const body = data.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
    } else {
      const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
      longName = null;
      if (type === '0' || type === '' ) entries.set(name.replace(/^\.\//, ''), Buffer.from(body));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** Removes the per-tenant networks of a platform started with INSTANCE_NETWORK=`base` (its resources
 * carry no test labels): every network named `<base>-…`. */
export async function removeTenantNetworks(docker: Docker, base: string): Promise<void> {
  const networks = (await docker.listNetworks({ filters: JSON.stringify({ name: [base] }) })) as Array<{ Id: string; Name: string }>;
  for (const network of networks.filter((n) => n.Name === base || n.Name.startsWith(`${base}-`))) {
    await docker.getNetwork(network.Id).remove().catch(() => undefined);
  }
}
