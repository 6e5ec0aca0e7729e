import { needsWith, problemsOf, warningsOf } from '../support/needs-fixtures';

const sites = (...names: string[]) => names.map((name) => ({ name, hardware: 'x86-l4', nodes: 1 }));
const inference = (extra: Record<string, unknown>) => ({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: sites('berlin', 'paris', 'rome', 'oslo', 'lima', 'kyiv'), ...extra } } });

describe('workload.inference.rollout (NEEDS-v1.1)', () => {
  test('default: pilot the first site, then 4 waves', () => {
    expect(needsWith(inference({})).workload.inference?.rollout).toEqual({ pilot: ['berlin'], waves: 4 });
  });

  test('named pilots and waves are kept', () => {
    expect(needsWith(inference({ rollout: { pilot: ['rome', 'oslo'], waves: 2 } })).workload.inference?.rollout).toEqual({ pilot: ['rome', 'oslo'], waves: 2 });
  });

  test('more waves than the sites after the pilot: a warning, and the waves are capped', () => {
    const patch = inference({ rollout: { waves: 9 } });
    expect(warningsOf(patch)).toEqual(['needs.yaml:29:14: workload.inference.rollout.waves: is 9, but only 5 site(s) follow the pilot: the rollout uses 5 wave(s)']);
    expect(needsWith(patch).workload.inference?.rollout?.waves).toBe(5);
  });

  test('no sites and no rollout: no rollout', () => {
    expect(needsWith({ workload: { inference: { accelerator: 'l4', latencyMs: 50 } } }).workload.inference?.rollout).toBeUndefined();
  });

  test.each([
    [inference({ rollout: { pilot: ['berlinn'] } }), 'needs.yaml:30:11: workload.inference.rollout.pilot[0]: "berlinn" is not a site in workload.inference.sites; the closest site is "berlin"'],
    [inference({ rollout: { pilot: ['munich'] } }), 'needs.yaml:30:11: workload.inference.rollout.pilot[0]: "munich" is not a site in workload.inference.sites; the closest site is "paris"'],
    [inference({ rollout: { pilot: ['rome', 'rome'] } }), 'needs.yaml:31:11: workload.inference.rollout.pilot[1]: "rome" is listed twice; name each pilot site once'],
    [inference({ rollout: { waves: 0 } }), 'needs.yaml:29:14: workload.inference.rollout.waves: must be an integer from 1 to 50, got 0'],
    [{ workload: { inference: { accelerator: 'l4', latencyMs: 50, rollout: { waves: 2 } } } }, 'needs.yaml:10:7: workload.inference.rollout: is given, but workload.inference.sites lists no site: a rollout orders edge sites, so add sites or remove rollout'],
  ])('%j → %s', (patch, expected) => {
    expect(problemsOf(patch)).toEqual([expected]);
  });
});
