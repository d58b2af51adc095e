import { parseSubnetPool, subnetsOf, subnetsOverlap } from '../../../src/adapters/docker/subnetPool';

describe('the tenant subnet pool', () => {
  it('splits a range into subnets of the given prefix, in address order', () => {
    const subnets = subnetsOf(parseSubnetPool('10.240.0.0/12', 24));
    expect(subnets).toHaveLength(4096);
    expect(subnets.slice(0, 2)).toEqual(['10.240.0.0/24', '10.240.1.0/24']);
    expect(subnets.at(-1)).toBe('10.255.255.0/24');
  });

  it('refuses a range with host bits set, a prefix shorter than the range or too long to hold containers', () => {
    expect(() => parseSubnetPool('10.240.1.0/12', 24)).toThrow(/host bits set; the range starts at 10.240.0.0/);
    expect(() => parseSubnetPool('10.240.0.0/16', 12)).toThrow(/between 16 .* and 29/);
    expect(() => parseSubnetPool('10.240.0.0/16', 30)).toThrow(/between 16/);
    expect(() => parseSubnetPool('10.300.0.0/16', 24)).toThrow(/not an IPv4 CIDR/);
    expect(() => parseSubnetPool('fd00::/64', 80)).toThrow(/not an IPv4 CIDR/);
  });

  it('knows overlapping ranges', () => {
    expect(subnetsOverlap('10.240.0.0/24', '10.240.0.128/25')).toBe(true);
    expect(subnetsOverlap('10.240.0.0/12', '10.250.3.0/24')).toBe(true);
    expect(subnetsOverlap('10.240.0.0/24', '10.240.1.0/24')).toBe(false);
    expect(subnetsOverlap('172.17.0.0/16', '10.240.0.0/12')).toBe(false);
  });
});
