/**
 * The Kubernetes version of every EKS cluster tracklayer builds, pinned in one place.
 *
 * 1.35: in EKS standard support through early 2027 (EKS gives each version 14 months of
 * standard support; https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html).
 * Raise it one minor version at a time: EKS upgrades the control plane one minor at a time.
 */
export const KUBERNETES_VERSION = '1.35';

/** The control-plane log types EKS offers; tracklayer enables all five. */
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;
