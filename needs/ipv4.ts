/**
 * IPv4 addresses and CIDR blocks as value types: parsed once, compared as numbers.
 * Used by the needs validator (syntax, overlaps, public addresses) and by the network
 * construct (subnet layout), so both agree on what a CIDR means.
 */

/** An IPv4 address as an unsigned 32-bit number. */
export type Ipv4 = number;

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad notation; undefined when the text is not an IPv4 address. */
export function parseIpv4(text: string): Ipv4 | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Formats a 32-bit number as dotted-quad notation. */
export function formatIpv4(ip: Ipv4): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join('.');
}

/** An IPv4 network: a base address with no host bits set and a prefix length 0..32. */
export class Cidr {
  /**
   * Parses `a.b.c.d/n`. Returns an error message (not an exception) for bad text, so the
   * validator can report it at the field's position.
   */
  static parse(text: string): Cidr | string {
    const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
    const ip = match ? parseIpv4(match[1]) : undefined;
    const prefix = match ? Number(match[2]) : NaN;
    if (ip === undefined || !(prefix >= 0 && prefix <= 32)) {
      return `must be an IPv4 CIDR block such as 10.0.0.0/16, got "${text}"`;
    }
    const cidr = new Cidr(ip, prefix);
    if (cidr.network !== ip) {
      return `has host bits set; the network address is ${cidr.toString()}, got "${text}"`;
    }
    return cidr;
  }

  /** Parses text already known to be valid (validated needs); throws on bad input. */
  static of(text: string): Cidr {
    const cidr = Cidr.parse(text);
    if (typeof cidr === 'string') throw new Error(`invalid CIDR ${text}: ${cidr}`);
    return cidr;
  }

  /** The first address of the block. */
  readonly network: Ipv4;

  private constructor(ip: Ipv4, readonly prefix: number) {
    this.network = ip - (ip % this.size);
  }

  /** Number of addresses in the block. */
  get size(): number {
    return 2 ** (32 - this.prefix);
  }

  /** The last address of the block. */
  get last(): Ipv4 {
    return this.network + this.size - 1;
  }

  /** True when the two blocks share at least one address. */
  overlaps(other: Cidr): boolean {
    return this.network <= other.last && other.network <= this.last;
  }

  /** True when `other` lies entirely inside this block. */
  contains(other: Cidr): boolean {
    return this.network <= other.network && other.last <= this.last;
  }

  /**
   * The `index`-th sub-block of prefix length `prefix` (e.g. subnet(19, 2) of 10.0.0.0/16
   * is 10.0.64.0/19). Throws when the sub-block would fall outside this block.
   */
  subnet(prefix: number, index: number): Cidr {
    const count = 2 ** (prefix - this.prefix);
    if (prefix < this.prefix || prefix > 32 || index < 0 || index >= count) {
      throw new Error(`${this.toString()} has no /${prefix} sub-block number ${index}`);
    }
    return new Cidr(this.network + index * 2 ** (32 - prefix), prefix);
  }

  /** `a.b.c.d/n` */
  toString(): string {
    return `${formatIpv4(this.network)}/${this.prefix}`;
  }
}

/** Address ranges that are not public IPv4 space (NEEDS-v1 "Public IPv4"). */
const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', '0.0.0.0/8', '224.0.0.0/4'].map(Cidr.of);

/** Documentation ranges (RFC 5737): not routable, but accepted as public so examples validate. */
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map(Cidr.of);

/** Private address space in which a VPC should live (RFC 1918, plus the shared 100.64/10 AWS allows). */
export const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(Cidr.of);

/** True when the whole block is public IPv4 space as NEEDS-v1 defines it. */
export function isPublicBlock(block: Cidr): boolean {
  if (DOCUMENTATION.some((doc) => doc.contains(block))) return true;
  return !NON_PUBLIC.some((range) => range.overlaps(block));
}

/** True when the block lies inside one of {@link PRIVATE_RANGES}. */
export function isPrivateBlock(block: Cidr): boolean {
  return PRIVATE_RANGES.some((range) => range.contains(block));
}
