import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) internal.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) internal.addSubnet(network, prefix, 'ipv6');

/** A tenant-chosen endpoint is a URL the control plane will call: unless private endpoints are
 * allowed (development, tests, a MinIO beside the platform) it must be https and resolve only to
 * public addresses, so a tenant cannot point the platform at its own network (SSRF). Returns the
 * reason it is refused, or null. A DNS answer that changes after this check is not covered. */
export async function checkTargetEndpoint(endpoint: string | null, allowPrivate: boolean): Promise<string | null> {
  if (endpoint === null || allowPrivate) return null;
  const url = new URL(endpoint);
  if (url.protocol !== 'https:') return 'the endpoint must use https';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return 'the endpoint\'s host name does not resolve';
  const blocked = addresses.find(({ address, family }) => internal.check(address, family === 6 ? 'ipv6' : 'ipv4'));
  return blocked ? 'the endpoint resolves to a private or reserved address' : null;
}
