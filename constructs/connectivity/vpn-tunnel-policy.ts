/**
 * The IPsec parameters every tracklayer VPN tunnel accepts: IKEv2 only, AES-256 (CBC or GCM),
 * SHA-2 integrity of 256 bits or more, and Diffie-Hellman groups 14 and up (2048-bit MODP or
 * elliptic curves). AWS offers weaker defaults (IKEv1, AES-128, SHA-1, DH 2) for old devices;
 * listing the strong ones explicitly turns those off.
 * Values: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */

/** IKE versions: IKEv1 is off. */
export const IKE_VERSIONS = ['ikev2'] as const;
/** Phase 1 and 2 encryption. */
export const ENCRYPTION_ALGORITHMS = ['AES256', 'AES256-GCM-16'] as const;
/** Phase 1 and 2 integrity. */
export const INTEGRITY_ALGORITHMS = ['SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
/** Phase 1 and 2 Diffie-Hellman groups (14 = 2048-bit MODP; 19-21 elliptic curves). */
export const DH_GROUP_NUMBERS = [14, 15, 16, 17, 18, 19, 20, 21] as const;

/** The tunnel arguments of `aws_vpn_connection` for tunnel `n` (1 or 2), in binding form. */
export function tunnelOptions(n: 1 | 2): Record<string, readonly (string | number)[]> {
  const prefix = `tunnel${n}`;
  return {
    [`${prefix}IkeVersions`]: IKE_VERSIONS,
    [`${prefix}Phase1EncryptionAlgorithms`]: ENCRYPTION_ALGORITHMS,
    [`${prefix}Phase2EncryptionAlgorithms`]: ENCRYPTION_ALGORITHMS,
    [`${prefix}Phase1IntegrityAlgorithms`]: INTEGRITY_ALGORITHMS,
    [`${prefix}Phase2IntegrityAlgorithms`]: INTEGRITY_ALGORITHMS,
    [`${prefix}Phase1DhGroupNumbers`]: DH_GROUP_NUMBERS,
    [`${prefix}Phase2DhGroupNumbers`]: DH_GROUP_NUMBERS,
  };
}
