/**
 * What renaming a construct id does to a synth output, without editing the stack code: every
 * resource under the renamed construct gets the construct path and the logical id (Terraform
 * name) cdktf would give it, and every reference to it (in its stack and across stacks) follows.
 * Logical ids are computed with cdktf's own function, so the result is what cdktf would write.
 */
import { resourcesOf, type SynthOutput } from '../../../preview/synth-output';

// cdktf's logical-id function (deep import: test-only; cdktf allocates ids with it, see TerraformStack.allocateLogicalId).
const { makeUniqueId } = require('cdktf/lib/private/unique') as { makeUniqueId: (components: string[]) => string };

/** `output` as it would be after renaming the construct at `constructPath` (stack/…/id) to `newId`. */
export function renameConstruct(output: SynthOutput, constructPath: string, newId: string): SynthOutput {
  const [stackName] = constructPath.split('/');
  const renamedPath = `${constructPath.split('/').slice(0, -1).join('/')}/${newId}`;
  const renames: [string, string][] = [];
  for (const entry of resourcesOf(output.stacks[stackName]).values()) {
    if (!entry.path.startsWith(`${constructPath}/`)) continue;
    const newPath = renamedPath + entry.path.slice(constructPath.length);
    const newName = makeUniqueId(newPath.split('/').slice(1));
    renames.push([entry.name, newName], [entry.path, newPath]);
  }
  let text = JSON.stringify(output);
  for (const [from, to] of renames) text = text.split(from).join(to);
  return JSON.parse(text) as SynthOutput;
}
