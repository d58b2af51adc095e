import { randomUUID } from 'node:crypto';
import { execInContainer, removeTestDockerResources } from '../support/docker';
import { createSagaWorld, newSagaWorldNames, type SagaWorld } from '../sagas/support/sagaTestWorld';

// Finding 5 (docs/security.md): every instance shared one Docker network, so tenant A's Odoo (and any
// module its owner installs) could open connections to tenant B's. Each tenant now has a network of
// its own. Finding 13: containers ran with Docker's default capabilities, could gain privileges, and
// had no pids limit.
describe('instances of different tenants on real Docker', () => {
  let world: SagaWorld;
  beforeAll(async () => {
    world = await createSagaWorld(newSagaWorldNames('tenantnet'));
    await removeTestDockerResources(world.docker, world.names.suite);
    await world.startWorker();
  });
  afterAll(async () => {
    await world.close();
    await removeTestDockerResources(world.docker, world.names.suite);
  });

  const running = async (tenantId: string) => {
    const { instanceId } = await world.provision({ tenantId });
    const outcome = await world.waitForInstanceEvent(instanceId, ['InstanceProvisioned', 'InstanceProvisioningFailed']);
    if (outcome.type !== 'InstanceProvisioned') throw new Error(JSON.stringify(outcome.data));
    const info = await world.docker.getContainer(`odoo-${instanceId}`).inspect();
    const [networkName, network] = Object.entries(info.NetworkSettings.Networks)[0]!;
    const { IPAM } = (await world.docker.getNetwork(networkName).inspect()) as { IPAM: { Config: Array<{ Subnet: string }> } };
    return { instanceId, address: network.IPAddress, subnet: IPAM.Config[0]!.Subnet };
  };
  /** Whether a TCP connection from inside one instance's container reaches another's Odoo port. */
  const reaches = async (fromInstanceId: string, address: string) => {
    const { exitCode } = await execInContainer(world.docker, `odoo-${fromInstanceId}`, ['curl', '-fsS', '-m', '3', '-o', '/dev/null', `http://${address}:8069/web/health`]);
    return exitCode === 0;
  };

  it("tenant A's container cannot open a connection to tenant B's; two instances of one tenant still can", async () => {
    const tenantA = randomUUID();
    const tenantB = randomUUID();
    const [a1, a2, b1] = await Promise.all([running(tenantA), running(tenantA), running(tenantB)]);
    // Distinct subnets: otherwise B's address would name a container on A's own network.
    expect(a1.subnet).toBe(a2.subnet);
    expect(b1.subnet).not.toBe(a1.subnet);
    expect(await reaches(a1.instanceId, a2.address)).toBe(true);
    expect(await reaches(a1.instanceId, b1.address)).toBe(false);
    expect(await reaches(b1.instanceId, a1.address)).toBe(false);
  });

  it('runs Odoo with no capabilities, no way to gain privileges, and a pids limit', async () => {
    const { instanceId } = await running(randomUUID());
    const info = await world.docker.getContainer(`odoo-${instanceId}`).inspect();
    expect(info.HostConfig).toMatchObject({ CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges:true'], PidsLimit: 1024 });
    // What the kernel says from inside: no effective capability, NoNewPrivs set, not root.
    const { output } = await execInContainer(world.docker, `odoo-${instanceId}`, ['sh', '-c', 'grep -E "^(CapEff|CapBnd|NoNewPrivs)" /proc/1/status; id -u']);
    expect(output).toMatch(/CapEff:\s+0000000000000000/);
    expect(output).toMatch(/CapBnd:\s+0000000000000000/);
    expect(output).toMatch(/NoNewPrivs:\s+1/);
    expect(output.trim().split('\n').pop()).toBe('101');
  });
});
