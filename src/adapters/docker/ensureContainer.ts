import type Docker from 'dockerode';
import path from 'node:path';
import { buildContainerOptions, ODOO_READY_MARK } from './buildContainerOptions';
import { containerDifferences } from './containerDifferences';
import { isDockerConflict, isDockerNotFound } from './dockerErrors';
import { ContainerConfigMismatchError, DockerResourceNotOursError } from '../../ports/dockerEngineErrors';
import { ensureImage } from './ensureImage';
import { ensureTenantNetwork } from './ensureTenantNetwork';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import type { InstanceContainerSpec, EnsureContainerResult } from '../../ports/dockerEngine';
import { INSTANCE_LABEL } from '../../ports/dockerEngine';
import { removeContainer } from './removeContainer';
import { singleFileTar } from './singleFileTar';

/** Where the official image's ODOO_RC points. */
export const ODOO_CONFIG_DIR = '/etc/odoo';

/**
 * Create the instance's container (not started) if absent; accept it if present and equal. The volume
 * and network must exist (earlier saga steps): Docker would otherwise create an unlabelled volume.
 */
export async function ensureContainer(
  docker: Docker,
  spec: InstanceContainerSpec,
  settings: DockerAdapterSettings,
): Promise<EnsureContainerResult> {
  await ensureTenantNetwork(docker, settings, spec.tenantId);
  const result = await ensureContainerCreated(docker, spec, settings);
  // Every time, not only at create: the file is the platform's, whatever an earlier attempt left.
  if (spec.odooConfig !== undefined) await putOdooConfig(docker.getContainer(result.id), spec.odooConfig);
  if (spec.ready) await putReadyMark(docker.getContainer(result.id));
  return result;
}

/** The instance is set up (admin credentials replaced): its health check may pass from now on. */
export async function putReadyMark(container: Docker.Container): Promise<void> {
  await container.putArchive(singleFileTar(path.posix.basename(ODOO_READY_MARK), 'ready\n', { mode: 0o444, uid: 0, gid: 0 }), { path: path.posix.dirname(ODOO_READY_MARK) });
}

/** Root-owned and read-only: Odoo reads it, the instance's own code cannot rewrite it. */
async function putOdooConfig(container: Docker.Container, content: string): Promise<void> {
  await container.putArchive(singleFileTar('odoo.conf', content, { mode: 0o444, uid: 0, gid: 0 }), { path: ODOO_CONFIG_DIR });
}

async function ensureContainerCreated(
  docker: Docker,
  spec: InstanceContainerSpec,
  settings: DockerAdapterSettings,
): Promise<EnsureContainerResult> {
  const desired = buildContainerOptions(spec, settings);
  const name = desired.name as string;
  const existing = await inspectOrNull(docker, name);
  if (existing) {
    assertOurs(existing, spec.instanceId);
    const differences = containerDifferences(existing, desired);
    if (differences.length === 0) return { id: existing.Id, outcome: 'existing' };
    if (settings.onMismatch === 'fail') throw new ContainerConfigMismatchError(name, differences);
    await removeContainer(docker, name, { timeoutSeconds: settings.stopTimeoutSeconds });
    return { id: await create(docker, desired, settings), outcome: 'recreated' };
  }
  try {
    return { id: await create(docker, desired, settings), outcome: 'created' };
  } catch (error) {
    // Another worker created it between our inspect and create: judge theirs like any existing one.
    if (!isDockerConflict(error)) throw error;
    const raced = await inspectOrNull(docker, name);
    if (!raced) throw error;
    assertOurs(raced, spec.instanceId);
    const differences = containerDifferences(raced, desired);
    if (differences.length > 0) throw new ContainerConfigMismatchError(name, differences);
    return { id: raced.Id, outcome: 'existing' };
  }
}

/** A container of the name without this instance's label is somebody else's: never adopted, and
 * never removed by the 'recreate' policy. */
function assertOurs(container: Docker.ContainerInspectInfo, instanceId: string): void {
  if (container.Config.Labels?.[INSTANCE_LABEL] !== instanceId) throw new DockerResourceNotOursError('container', container.Name.replace(/^\//, ''));
}

async function create(docker: Docker, desired: Docker.ContainerCreateOptions, settings: DockerAdapterSettings): Promise<string> {
  try {
    return (await docker.createContainer(desired)).id;
  } catch (error) {
    if (!isDockerNotFound(error)) throw error; // 404 on create = no such image
    await ensureImage(docker, settings.image);
    return (await docker.createContainer(desired)).id;
  }
}

async function inspectOrNull(docker: Docker, name: string): Promise<Docker.ContainerInspectInfo | null> {
  try {
    return await docker.getContainer(name).inspect();
  } catch (error) {
    if (isDockerNotFound(error)) return null;
    throw error;
  }
}
