/** Tenant networks carved from one address range (INSTANCE_SUBNET_POOL), so the instances cluster's
 * pg_hba can admit instance roles from that range only (deploy/instances-db-init.sh). */
export interface SubnetPool {
  /** The range, e.g. 10.240.0.0/12. */
  range: string;
  /** Prefix length of each tenant's network, e.g. 24 (254 addresses). */
  prefixLength: number;
}

const cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function parseCidr(text: string): { base: number; prefixLength: number } {
  const match = cidr.exec(text.trim());
  if (!match) throw new Error(`not an IPv4 CIDR range: ${text}`);
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefixLength > 32) throw new Error(`not an IPv4 CIDR range: ${text}`);
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) throw new Error(`${text} has host bits set; the range starts at ${formatAddress(address - (address % size))}`);
  return { base: address, prefixLength };
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** Checks the pool's settings; throws with the reason when they cannot work. */
export function parseSubnetPool(range: string, prefixLength: number): SubnetPool {
  const parsed = parseCidr(range);
  if (!Number.isInteger(prefixLength) || prefixLength < parsed.prefixLength || prefixLength > 29) {
    throw new Error(`INSTANCE_SUBNET_PREFIX must be between ${parsed.prefixLength} (the range's own) and 29, got ${prefixLength}`);
  }
  return { range: `${formatAddress(parsed.base)}/${parsed.prefixLength}`, prefixLength };
}

/** Every subnet of the pool, as CIDR, in address order. */
export function subnetsOf(pool: SubnetPool): string[] {
  const { base, prefixLength } = parseCidr(pool.range);
  const count = 2 ** (pool.prefixLength - prefixLength);
  const size = 2 ** (32 - pool.prefixLength);
  return Array.from({ length: count }, (_, index) => `${formatAddress(base + index * size)}/${pool.prefixLength}`);
}

/** Whether two CIDR ranges share an address. */
export function subnetsOverlap(a: string, b: string): boolean {
  const [x, y] = [parseCidr(a), parseCidr(b)];
  const [xEnd, yEnd] = [x.base + 2 ** (32 - x.prefixLength), y.base + 2 ** (32 - y.prefixLength)];
  return x.base < yEnd && y.base < xEnd;
}
