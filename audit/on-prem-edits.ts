/**
 * The needs-file edits that merge an audit's `onPrem` into the file: the fields audit derives
 * (`gpuNodes`, `gpusPerNode`, `accelerator`, `interconnect`; `kubeContext` when the nodes came
 * from a kube context; `mode: hybrid-nodes` when they are EKS hybrid nodes) are set; what a node
 * list cannot know (`networkCidr`, `podCidr`, `vpnPeerIp`) is left as the file has it.
 *
 * Two values are kept rather than overwritten:
 * - `interconnect`, when the audit is not certain of it (./derive-on-prem) and the file already
 *   says `infiniband` or `roce`: a person who wrote that knew the fabric;
 * - `kubeContext`, when the file's `onPrem.mode` is `hybrid-nodes` (NEEDS-v1.1: the servers
 *   join the EKS cluster and there is no on-prem context to name).
 */
import type { NeedsEdit } from '../needs/needs-edit';
import type { AuditReport } from './audit';

/** The edits, and the fields kept with why. */
export interface OnPremMerge {
  readonly edits: readonly NeedsEdit[];
  readonly kept: readonly string[];
}

function field(section: unknown, name: string): unknown {
  return typeof section === 'object' && section !== null ? (section as Record<string, unknown>)[name] : undefined;
}

/**
 * The edits for `report.onPrem` against the file's current `onPrem` (its raw value, or
 * undefined when the file has none). `report.onPrem` must not be null.
 */
export function onPremEdits(report: AuditReport, current: unknown): OnPremMerge {
  const onPrem = report.onPrem;
  if (!onPrem) return { edits: [], kept: [] };
  const edits: NeedsEdit[] = [];
  const kept: string[] = [];
  const set = (name: string, value: string | number) => edits.push({ path: ['onPrem', name], value });
  if (onPrem.mode !== undefined) set('mode', onPrem.mode);
  if (onPrem.kubeContext !== undefined) {
    if (field(current, 'mode') === 'hybrid-nodes') kept.push('onPrem.kubeContext: not set, because onPrem.mode is hybrid-nodes (the servers join the EKS cluster)');
    else set('kubeContext', onPrem.kubeContext);
  }
  set('gpuNodes', onPrem.gpuNodes);
  set('gpusPerNode', onPrem.gpusPerNode);
  set('accelerator', onPrem.accelerator);
  const stated = field(current, 'interconnect');
  if (!report.interconnectCertain && (stated === 'infiniband' || stated === 'roce') && stated !== onPrem.interconnect) {
    kept.push(`onPrem.interconnect: kept ${stated} from the needs file; the node list cannot tell (audit would say ${onPrem.interconnect})`);
  } else {
    set('interconnect', onPrem.interconnect);
  }
  return { edits, kept };
}
