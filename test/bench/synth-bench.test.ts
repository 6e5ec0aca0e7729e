import { edgeSitesNeeds } from '../../bench/synth-bench';
import { loadNeeds } from '../../needs/load-needs';
import { selectStrategy } from '../../strategy/select';

describe('bench: the 200-site needs file', () => {
  test('is valid and selects one edge stack per site', () => {
    const { needs } = loadNeeds(edgeSitesNeeds(200), 'edge-200.yaml');
    const selection = selectStrategy(needs);
    expect(selection.strategy).toBe('edge-centric');
    expect(selection.stacks.filter((s) => s.role.startsWith('edge-'))).toHaveLength(200);
  });
});
