import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isInternalAddress } from './isInternalAddress';

/** A tenant-chosen endpoint is a URL the control plane will call: unless private endpoints are
 * allowed (development, tests, a MinIO beside the platform) it must be https and resolve only to
 * public addresses, so a tenant cannot point the platform at its own network (SSRF). Returns the
 * reason it is refused, or null. Run at every use; a DNS answer that changes between this check and
 * the connection is caught by publicOnlyLookup, which checks the address actually connected to. */
export async function checkTargetEndpoint(endpoint: string | null, allowPrivate: boolean): Promise<string | null> {
  if (endpoint === null || allowPrivate) return null;
  const url = new URL(endpoint);
  if (url.protocol !== 'https:') return 'the endpoint must use https';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) return 'the endpoint\'s host name does not resolve';
  const blocked = addresses.find(({ address, family }) => isInternalAddress(address, family));
  return blocked ? 'the endpoint resolves to a private or reserved address' : null;
}
