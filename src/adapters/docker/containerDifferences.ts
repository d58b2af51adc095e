import type Docker from 'dockerode';

/**
 * What differs between an existing container and the options it would be created with. Only what we
 * set is compared: the image adds env and labels of its own, Docker fills defaults. Env differences
 * name the key only, never the value (PASSWORD).
 */
export function containerDifferences(existing: Docker.ContainerInspectInfo, desired: Docker.ContainerCreateOptions): string[] {
  const differences: string[] = [];
  const host = desired.HostConfig ?? {};
  if (existing.Config.Image !== desired.Image) differences.push(`image ${existing.Config.Image} ≠ ${desired.Image}`);

  const existingEnv = new Set(existing.Config.Env ?? []);
  for (const entry of desired.Env ?? []) {
    if (!existingEnv.has(entry)) differences.push(`env ${entry.slice(0, entry.indexOf('='))}`);
  }
  const existingLabels = existing.Config.Labels ?? {};
  for (const [key, value] of Object.entries(desired.Labels ?? {})) {
    if (existingLabels[key] !== value) differences.push(`label ${key}`);
  }
  if (existing.HostConfig.Memory !== host.Memory) differences.push(`memory ${existing.HostConfig.Memory} ≠ ${host.Memory}`);
  if (existing.HostConfig.NanoCpus !== host.NanoCpus) differences.push(`nanoCpus ${existing.HostConfig.NanoCpus} ≠ ${host.NanoCpus}`);
  if (existing.HostConfig.RestartPolicy?.Name !== host.RestartPolicy?.Name) differences.push('restart policy');
  if (existing.HostConfig.NetworkMode !== host.NetworkMode) differences.push(`network ${existing.HostConfig.NetworkMode} ≠ ${host.NetworkMode}`);

  const wantedMounts = (host.Mounts ?? []).map((m) => `${m.Source}:${m.Target}`).sort();
  const actualMounts = (existing.Mounts ?? []).filter((m) => m.Type === 'volume').map((m) => `${m.Name}:${m.Destination}`).sort();
  if (wantedMounts.join(',') !== actualMounts.join(',')) differences.push(`mounts ${actualMounts.join(',')} ≠ ${wantedMounts.join(',')}`);

  const wantedPorts = JSON.stringify(normalizeBindings(host.PortBindings));
  const actualPorts = JSON.stringify(normalizeBindings(existing.HostConfig.PortBindings));
  if (wantedPorts !== actualPorts) differences.push('published ports');
  return differences;
}

function normalizeBindings(bindings: unknown): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (const [port, list] of Object.entries((bindings ?? {}) as Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>)) {
    for (const binding of list ?? []) result.push([port, `${binding.HostIp ?? ''}:${binding.HostPort ?? ''}`]);
  }
  return result.sort();
}
