import { ensureNetwork } from '../../../src/adapters/docker/ensureNetwork';
import { parseSubnetPool, subnetsOverlap } from '../../../src/adapters/docker/subnetPool';
import { createTestDocker } from '../../support/docker';

// Tenant networks from INSTANCE_SUBNET_POOL, on the real engine: each tenant its own subnet inside
// the pool (what the instances cluster's pg_hba admits), skipping subnets other networks hold.
const docker = createTestDocker();
const prefix = `pt_subnetpool_${process.pid}`;
// A range no other suite uses.
const pool = parseSubnetPool('10.251.0.0/16', 24);

const subnetOf = async (name: string) => ((await docker.getNetwork(name).inspect()) as { IPAM: { Config: Array<{ Subnet: string }> } }).IPAM.Config[0]!.Subnet;

afterAll(async () => {
  const networks = await docker.listNetworks({ filters: JSON.stringify({ name: [prefix] }) });
  for (const network of networks) await docker.getNetwork(network.Id).remove().catch(() => undefined);
});

test('two tenants get two subnets of the pool; a subnet another network holds is skipped', async () => {
  // Someone else's network on the pool's first subnet.
  await docker.createNetwork({ Name: `${prefix}-squatter`, Driver: 'bridge', IPAM: { Driver: 'default', Config: [{ Subnet: '10.251.0.0/24' }] } });
  await ensureNetwork(docker, `${prefix}-a`, { 'platform.test': '1' }, pool);
  await ensureNetwork(docker, `${prefix}-b`, { 'platform.test': '1' }, pool);
  const [a, b] = [await subnetOf(`${prefix}-a`), await subnetOf(`${prefix}-b`)];
  for (const subnet of [a, b]) {
    expect(subnetsOverlap(subnet, pool.range)).toBe(true);
    expect(subnet).toMatch(/\/24$/);
    expect(subnetsOverlap(subnet, '10.251.0.0/24')).toBe(false);
  }
  expect(a).not.toBe(b);
  // Asked again, the existing network is kept as it is.
  await ensureNetwork(docker, `${prefix}-a`, {}, pool);
  expect(await subnetOf(`${prefix}-a`)).toBe(a);
});

test('an exhausted pool fails with a reason that names the setting', async () => {
  const tiny = parseSubnetPool('10.251.200.0/24', 24);
  await ensureNetwork(docker, `${prefix}-c`, {}, tiny);
  await expect(ensureNetwork(docker, `${prefix}-d`, {}, tiny)).rejects.toThrow(/no free \/24 left in the tenant subnet pool 10.251.200.0\/24 \(INSTANCE_SUBNET_POOL\)/);
});
