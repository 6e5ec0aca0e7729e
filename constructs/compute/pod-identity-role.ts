/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity: trusted by the
 * pod identity agent only (`pods.eks.amazonaws.com`), with managed policies and inline
 * statements, and optionally bound to its service account by a pod identity association.
 */
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { policyDocument, type PolicyStatement } from '../iam/policy-document';

/** The trust policy of every pod identity role (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). */
export const POD_IDENTITY_TRUST_POLICY = policyDocument([{ principals: { Service: 'pods.eks.amazonaws.com' }, actions: ['sts:AssumeRole', 'sts:TagSession'] }]);

/** Props of {@link PodIdentityRole}. */
export interface PodIdentityRoleProps {
  /** IAM role name. */
  readonly roleName: string;
  /** AWS managed policy names to attach (e.g. `AmazonEBSCSIDriverPolicy`). @default - none */
  readonly managedPolicies?: readonly string[];
  /** Inline policy statements. @default - none */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Bind the role to a service account with a pod identity association. Leave unset for
   * add-ons, whose `pod_identity_association` block binds it instead.
   * @default - no association
   */
  readonly association?: { readonly clusterName: string; readonly namespace: string; readonly serviceAccount: string };
}

/** The role, its policies and its association. */
export class PodIdentityRole extends Construct {
  /** The role. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy: POD_IDENTITY_TRUST_POLICY });
    for (const policy of props.managedPolicies ?? []) {
      new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: `arn:aws:iam::aws:policy/${policy}` });
    }
    if (props.statements && props.statements.length > 0) {
      new IamRolePolicy(this, 'policy', { name: 'least-privilege', role: this.role.id, policy: policyDocument(props.statements) });
    }
    if (props.association) {
      new EksPodIdentityAssociation(this, 'association', { ...props.association, roleArn: this.role.arn });
    }
  }
}
