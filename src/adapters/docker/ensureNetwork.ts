import type Docker from 'dockerode';
import { isDockerConflict, isDockerNotFound } from './dockerErrors';
import { subnetsOf, subnetsOverlap, type SubnetPool } from './subnetPool';

const creating = new Map<string, Promise<string>>();
// Every creation of this process, one after the other: concurrent creations of differently named
// networks were seen to get overlapping subnets from the engine under load.
let lastCreation: Promise<unknown> = Promise.resolve();

/**
 * Creates the bridge network if absent; an existing network of that name is accepted as is. Docker 28
 * ignores CheckDuplicate: two racing creations (two workers provisioning for one tenant) make two
 * networks of one name, and every container create on that name then fails as ambiguous. So one
 * creation at a time in this process, and after creating, all but the oldest network of the name are
 * removed (each racer converges on the same one).
 */
export async function ensureNetwork(docker: Docker, name: string, labels: Record<string, string> = {}, subnetPool?: SubnetPool): Promise<string> {
  // The common case (every container create and one-off run asks): the network is there; no queueing.
  const pending = creating.get(name);
  if (pending) return pending;
  const found = await namedNetworks(docker, name);
  if (found.length === 1) return found[0]!.Id;
  if (creating.has(name)) return creating.get(name)!;
  const work = lastCreation.catch(() => undefined).then(() => ensureOnce(docker, name, labels, subnetPool)).finally(() => creating.delete(name));
  lastCreation = work;
  creating.set(name, work);
  return work;
}

async function ensureOnce(docker: Docker, name: string, labels: Record<string, string>, subnetPool: SubnetPool | undefined): Promise<string> {
  const found = await namedNetworks(docker, name);
  if (found.length === 1) return found[0]!.Id;
  if (found.length === 0) {
    try {
      if (subnetPool) await createInPool(docker, name, labels, subnetPool);
      else await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
    } catch (error) {
      if (!isDockerConflict(error)) throw error;
    }
  }
  const [oldest, ...twins] = (await namedNetworks(docker, name)).sort((a, b) => a.Created.localeCompare(b.Created) || a.Id.localeCompare(b.Id));
  for (const twin of twins) {
    await docker.getNetwork(twin.Id).remove().catch((error: unknown) => {
      if (!isDockerNotFound(error)) throw error;
    });
  }
  if (!oldest) throw new Error(`network ${name} could not be created`);
  return oldest.Id;
}

/** The `name` filter matches substrings: keep exact names only. */
async function namedNetworks(docker: Docker, name: string): Promise<Array<{ Id: string; Created: string }>> {
  const networks = (await docker.listNetworks({ filters: JSON.stringify({ name: [name] }) })) as Array<{ Id: string; Name: string; Created: string }>;
  return networks.filter((network) => network.Name === name);
}

/** Creates the network on the first subnet of the pool that no network on this engine uses; another
 * process may take the same one meanwhile (the engine refuses the overlap), then the next is tried. */
async function createInPool(docker: Docker, name: string, labels: Record<string, string>, pool: SubnetPool): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const networks = (await docker.listNetworks()) as Array<{ IPAM?: { Config?: Array<{ Subnet?: string }> | null } }>;
    const used = networks.flatMap((network) => network.IPAM?.Config ?? []).map((config) => config.Subnet).filter((subnet): subnet is string => Boolean(subnet?.includes('.')));
    const free = subnetsOf(pool).find((subnet) => !used.some((taken) => subnetsOverlap(subnet, taken)));
    if (!free) throw new Error(`no free /${pool.prefixLength} left in the tenant subnet pool ${pool.range} (INSTANCE_SUBNET_POOL)`);
    try {
      await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels, IPAM: { Driver: 'default', Config: [{ Subnet: free }] } });
      return;
    } catch (error) {
      if (!/overlap/i.test((error as Error).message)) throw error;
    }
  }
  throw new Error(`could not find a free subnet for ${name} in ${pool.range}: other networks kept taking them`);
}
