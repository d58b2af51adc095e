import { BlockList } from 'node:net';

const internal = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) internal.addSubnet(network, prefix, 'ipv6');

/** Loopback, private, link-local (cloud metadata), shared, multicast and reserved addresses: where a
 * tenant-chosen URL must never take the control plane (docs/decisions/023, 028). */
export function isInternalAddress(address: string, family: number): boolean {
  return internal.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
