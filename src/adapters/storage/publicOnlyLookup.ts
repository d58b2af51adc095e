import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isInternalAddress } from './isInternalAddress';

export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

/** Refused connection to a tenant-chosen host: it resolved to an internal address. */
export class InternalAddressError extends Error {
  readonly code = 'EINTERNALADDRESS';
  constructor(readonly hostname: string) {
    super(`${hostname} resolves to a private or reserved address`);
    this.name = 'InternalAddressError';
  }
}

/**
 * The DNS lookup of every connection the S3 SDK opens to a tenant's target: each host name it
 * derives (the endpoint, a virtual-hosted `<bucket>.<endpoint>`, AWS's own names), resolved at the
 * moment of connecting, and refused when any address is internal. Checking the very answer that is
 * connected to is what makes a DNS change after the up-front check (rebinding) harmless
 * (docs/decisions/028). IP-literal hosts never reach a lookup: checkTargetEndpoint covers them.
 */
export function publicOnlyLookup(resolveAll: ResolveAll = (hostname) => dnsLookup(hostname, { all: true })): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname).then(
      (addresses) => {
        if (addresses.some(({ address, family }) => isInternalAddress(address, family))) {
          callback(new InternalAddressError(hostname), '', 0);
          return;
        }
        const usable = options.family ? addresses.filter(({ family }) => family === options.family) : addresses;
        if (usable.length === 0) {
          callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
