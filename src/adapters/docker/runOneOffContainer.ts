import type Docker from 'dockerode';
import { buildContainerOptions } from './buildContainerOptions';
import { ensureImage } from './ensureImage';
import { ensureTenantNetwork } from './ensureTenantNetwork';
import type { DockerAdapterSettings } from './instanceContainerSpec';
import type { InstanceContainerSpec, OneOffResult } from '../../ports/dockerEngine';
import { INSTANCE_LABEL, TENANT_LABEL } from '../../ports/dockerEngine';
import { instanceNetworkName } from './instanceNetworkName';
import { removeContainer } from './removeContainer';

/**
 * The instance's image, env, volume and network, with `args` for a command that ends (Odoo's
 * `-i base --stop-after-init`, `neutralize`): created as `odoo-<id>-<purpose>`, run to its end,
 * removed. A leftover of a killed attempt (same name, same instance label) is removed first, so the
 * step can be retried; an abort kills it. No route labels and no restart policy: it is not the instance.
 */
export async function runOneOffContainer(
  docker: Docker, spec: InstanceContainerSpec, settings: DockerAdapterSettings,
  run: { purpose: string; args: string[]; signal?: AbortSignal },
): Promise<OneOffResult> {
  const base = buildContainerOptions(spec, settings);
  const name = `${base.name as string}-${run.purpose}`;
  await removeContainer(docker, name, { timeoutSeconds: 0, ownedBy: spec.instanceId });
  await ensureTenantNetwork(docker, settings, spec.tenantId);
  const options: Docker.ContainerCreateOptions = {
    ...base,
    name,
    Cmd: run.args,
    Labels: { ...settings.extraLabels, [INSTANCE_LABEL]: spec.instanceId, [TENANT_LABEL]: spec.tenantId, 'platform.one-off': run.purpose },
    ExposedPorts: {},
    HostConfig: { ...base.HostConfig, RestartPolicy: { Name: 'no' }, PortBindings: {} },
    Healthcheck: { Test: ['NONE'] },
    NetworkingConfig: { EndpointsConfig: { [instanceNetworkName(settings.network, spec.tenantId)]: {} } },
  };
  const started = Date.now();
  let container: Docker.Container;
  try {
    container = await docker.createContainer(options);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error; // 404 on create = no such image
    await ensureImage(docker, options.Image!);
    container = await docker.createContainer(options);
  }
  const kill = () => { void container.kill().catch(() => undefined); };
  run.signal?.addEventListener('abort', kill, { once: true });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const logs = await container.logs({ stdout: true, stderr: true, tail: 20 });
    return { exitCode: StatusCode, logTail: demultiplex(logs).trim().split('\n').slice(-8).join('\n'), elapsedMs: Date.now() - started };
  } finally {
    run.signal?.removeEventListener('abort', kill);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Docker multiplexes stdout and stderr of a non-TTY container in 8-byte-framed chunks. */
function demultiplex(buffer: Buffer): string {
  let text = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return offset === 0 ? buffer.toString('utf8') : text;
}
