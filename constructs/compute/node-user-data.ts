/**
 * Launch-template user data for EKS managed nodes on AL2023: a MIME multi-part document,
 * the only form EKS merges with the bootstrap configuration it adds itself ("Amazon EKS
 * merges your user data with its own", Amazon EKS User Guide, "Customize managed nodes with
 * launch templates", https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html).
 * AL2023 reads `application/node.eks.aws` parts as nodeadm NodeConfig and runs
 * `text/x-shellscript` parts through cloud-init before nodeadm starts the kubelet.
 *
 * Deterministic: a fixed boundary and fixed part order, so the same parts always give the same
 * base64 string and the launch template never changes without a reason.
 */
import { ComputeError } from './compute-error';

/** The MIME boundary; it must not occur in any part. */
export const USER_DATA_BOUNDARY = 'TRACKLAYER-USER-DATA';

/** One part of the user data. */
export interface UserDataPart {
  /** `text/x-shellscript` (a boot script) or `application/node.eks.aws` (a nodeadm NodeConfig). */
  readonly contentType: 'text/x-shellscript' | 'application/node.eks.aws';
  readonly content: string;
}

/**
 * The MIME multi-part document of `parts`, as text.
 * @throws ComputeError when there is no part or a part contains the boundary.
 */
export function mimeUserData(parts: readonly UserDataPart[]): string {
  if (parts.length === 0) throw new ComputeError('mimeUserData', 'parts is empty; leave user data out instead of sending an empty document');
  for (const part of parts) {
    if (part.content.includes(USER_DATA_BOUNDARY)) {
      throw new ComputeError('mimeUserData', `a ${part.contentType} part contains the MIME boundary ${USER_DATA_BOUNDARY}; remove it from the part`);
    }
  }
  const body = parts.map((part) => [`--${USER_DATA_BOUNDARY}`, `Content-Type: ${part.contentType}; charset="us-ascii"`, '', part.content.trimEnd(), ''].join('\n'));
  return [`MIME-Version: 1.0`, `Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`, '', ...body, `--${USER_DATA_BOUNDARY}--`, ''].join('\n');
}

/** The base64 form `aws_launch_template.user_data` takes. */
export function base64UserData(document: string): string {
  return Buffer.from(document, 'utf8').toString('base64');
}
