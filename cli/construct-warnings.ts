/**
 * Warnings constructs attach while building (cdktf `Annotations.of(x).addWarning`), collected
 * from the construct tree so `tracklayer synth` prints them the way the cdktf CLI does.
 */
import type { IConstruct } from 'constructs';

/** The metadata type cdktf uses for warnings. */
const WARNING_METADATA = '@cdktf/warn';

/** `<construct path>: <message>` for every warning in the tree, in tree order. */
export function constructWarnings(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((construct) => construct.node.metadata.filter((entry) => entry.type === WARNING_METADATA).map((entry) => `${construct.node.path}: ${String(entry.data)}`));
}
