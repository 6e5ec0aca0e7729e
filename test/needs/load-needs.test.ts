import { RULE_IDS } from '../../needs/rule-ids';
import { readFileSync } from 'node:fs';
import { loadNeeds } from '../../needs/load-needs';
import { MINIMAL_YAML, needsWith, problemLines, problemsOf } from '../support/needs-fixtures';

describe('loadNeeds: defaults', () => {
  test('GIVEN the minimal file THEN every NEEDS-v1 default is filled in', () => {
    const { needs } = loadNeeds(MINIMAL_YAML, 'needs.yaml');
    expect(needs).toEqual({
      apiVersion: 'tracklayer/v1',
      name: 'acme-ml',
      environment: 'dev',
      strategy: 'auto',
      business: { dataSensitivity: 'moderate', compliance: [] },
      cloud: { region: 'us-east-1', availabilityZones: 3, vpcCidr: '10.0.0.0/16', zoneIds: ['use1-az1', 'use1-az2', 'use1-az4'] },
      workload: { pattern: 'steady', teams: [] },
      data: { volumeTb: 10, tiers: { hotDays: 30, coolDays: 90, archiveDays: 365 }, tableFormat: 'iceberg' },
      guardrails: { suppress: [] },
    });
  });

  test('multiNode defaults to true only when gpus exceed one instance', () => {
    expect(needsWith({ workload: { training: { accelerator: 'h100', gpus: 8 } } }).workload.training?.multiNode).toBe(false);
    expect(needsWith({ workload: { training: { accelerator: 'h100', gpus: 9 } } }).workload.training?.multiNode).toBe(true);
    expect(needsWith({ workload: { training: { accelerator: 'h100', gpus: 4, multiNode: true } } }).workload.training?.multiNode).toBe(true);
  });

  test('site kubeContext defaults to the site name; state.region to cloud.region', () => {
    const needs = needsWith({
      state: { bucket: 'acme-tfstate' },
      workload: { inference: { accelerator: 'l4', latencyMs: 10, sites: [{ name: 'plant-a', hardware: 'x86-l4', nodes: 1 }, { name: 'plant-b', hardware: 'x86-cpu', nodes: 2, kubeContext: 'ctx-b' }] } },
    });
    expect(needs.workload.inference?.sites?.map((s) => s.kubeContext)).toEqual(['plant-a', 'ctx-b']);
    expect(needs.workload.inference?.replicas).toBe(2);
    expect(needs.state).toEqual({ bucket: 'acme-tfstate', region: 'us-east-1' });
  });

  test('JSON is read like YAML, with positions', () => {
    const json = '{\n  "apiVersion": "tracklayer/v1",\n  "name": "acme-ml",\n  "cloud": { "region": "us-east-1", "availabilityZones": 9 }\n}\n';
    expect(loadNeeds(json.replace('9', '2'), 'n.json').needs.cloud.availabilityZones).toBe(2);
    expect(problemLines(json, 'n.json')).toEqual(['n.json:4:58: cloud.availabilityZones: must be an integer from 2 to 6, got 9']);
  });

  test.each(['needs.yaml', 'examples/cloud-first.yaml', 'examples/hybrid.yaml', 'examples/edge-centric.yaml'])('%s is valid', (file) => {
    expect(problemLines(readFileSync(file, 'utf8'), file)).toEqual([]);
  });
});

describe('loadNeeds: located problems', () => {
  test('the NEEDS-v1 example message, at the value', () => {
    const text = `apiVersion: tracklayer/v1
name: acme-ml
cloud:
  region: us-east-1
workload:
  training:
    accelerator: h100
    gpus: -4
`;
    expect(problemLines(text)).toEqual(['needs.yaml:8:11: workload.training.gpus: must be an integer from 1 to 4096, got -4']);
  });

  test('an unknown key names the closest field, at the key', () => {
    const text = `apiVersion: tracklayer/v1
name: acme-ml
business:
  dataSensitivty: high
cloud:
  region: us-east-1
`;
    expect(problemLines(text)).toEqual(['needs.yaml:4:3: business.dataSensitivty: unknown field (did you mean "dataSensitivity"?)']);
  });

  test('every problem is reported at once, in file order', () => {
    const text = `apiVersion: tracklayer/v2
name: Acme
environment: production
cloud:
  region: us-east-9
  vpcCidr: 10.0.0.1/16
workload:
  pattern: spiky
  training: {accelerator: h100, gpus: "64"}
data:
  tiers: {hotDays: 30, coolDays: 20}
`;
    expect(problemLines(text)).toEqual([
      'needs.yaml:1:13: apiVersion: must be tracklayer/v1, got "tracklayer/v2" (a string)',
      'needs.yaml:2:7: name: must be a name of 3 to 24 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen, got "Acme" (a string)',
      'needs.yaml:3:14: environment: must be one of dev, staging, prod, got "production" (a string)',
      'needs.yaml:5:11: cloud.region: must be an AWS region code such as eu-central-1, got "us-east-9" (a string) (did you mean "us-east-1"?)',
      'needs.yaml:6:12: cloud.vpcCidr: has host bits set; the network address is 10.0.0.0/16, got "10.0.0.1/16"',
      'needs.yaml:8:12: workload.pattern: must be one of steady, bursty, scheduled, got "spiky" (a string)',
      'needs.yaml:9:39: workload.training.gpus: must be an integer from 1 to 4096, got "64" (a string)',
      'needs.yaml:11:34: data.tiers.coolDays: must be at least 30 days after hotDays (30), because S3 keeps objects 30 days in STANDARD_IA before a GLACIER_IR transition; got 20',
    ]);
  });

  test('a missing required field points at its parent', () => {
    const text = `apiVersion: tracklayer/v1
name: acme-ml
cloud:
  region: us-east-1
workload:
  inference:
    accelerator: l4
`;
    expect(problemLines(text)).toEqual(['needs.yaml:7:5: workload.inference.latencyMs: is required: an integer from 1 to 60000']);
  });

  test('a missing cloud section and a wrong container type', () => {
    expect(problemLines('apiVersion: tracklayer/v1\nname: acme-ml\nworkload: [steady]\n')).toEqual([
      'needs.yaml:1:1: cloud: is required: a mapping',
      'needs.yaml:3:11: workload: must be a mapping, got a list',
    ]);
  });

  test('YAML syntax errors and duplicate keys are located', () => {
    expect(problemLines('apiVersion: tracklayer/v1\nname: a\nname: b\n')).toEqual(['needs.yaml:3:1: name: YAML syntax: Map keys must be unique']);
    expect(problemLines('apiVersion: tracklayer/v1\ncloud: {region: us-east-1\n')[0]).toMatch(/^needs\.yaml:\d+:\d+: .*YAML syntax: /);
  });

  test('an empty file and a non-mapping root', () => {
    expect(problemLines('')).toEqual(['needs.yaml:1:1: (root): the needs file is empty: start with "apiVersion: tracklayer/v1"']);
    expect(problemLines('- a\n- b\n')).toEqual(['needs.yaml:1:1: (root): must be a mapping, got a list']);
  });

  test('an alias bomb is refused, not expanded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10).fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`).join(', ')}]`);
    const lines = problemLines(`${levels.join('\n')}\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^needs\.yaml:1:1: \(root\): cannot be read: .*alias/i);
  });
});

describe('loadNeeds: field rules (the bad-input catalogue: exact message and location)', () => {
  test.each([
    [{ cloud: { region: 'us-gov-west-1' } }, 'needs.yaml:4:11: cloud.region: us-gov-west-1 is in the aws-us-gov partition, which tracklayer does not support; choose a region of the aws partition'],
    [{ cloud: { region: 'us-east-1', availabilityZones: 1 } }, 'needs.yaml:5:22: cloud.availabilityZones: must be an integer from 2 to 6, got 1'],
    [{ cloud: { region: 'us-west-1', availabilityZones: 3 } }, 'needs.yaml:5:22: cloud.availabilityZones: us-west-1 offers 2 availability zones usable by EKS, got 3; set availabilityZones to at most 2'],
    [{ cloud: { region: 'us-west-1' } }, 'needs.yaml:4:3: cloud.availabilityZones: us-west-1 offers 2 availability zones usable by EKS, got 3 (the default); set availabilityZones to at most 2'],
    [{ cloud: { region: 'us-east-1', vpcCidr: '10.0.0.0/8' } }, 'needs.yaml:5:12: cloud.vpcCidr: must be a CIDR block from /16 to /20, got "10.0.0.0/8"'],
    [{ cloud: { region: 'us-east-1', vpcCidr: '8.8.0.0/16' } }, 'needs.yaml:5:12: cloud.vpcCidr: must be private address space (10/8, 172.16/12, 192.168/16 or 100.64/10), got "8.8.0.0/16"'],
    [{ cloud: { region: 'us-east-1', vpcCidr: '10.0.0/16' } }, 'needs.yaml:5:12: cloud.vpcCidr: must be an IPv4 CIDR block such as 10.0.0.0/16, got "10.0.0/16"'],
    [{ cloud: { region: 'us-east-1', apiAccessCidrs: ['0.0.0.0/0'] } }, 'needs.yaml:6:7: cloud.apiAccessCidrs[0]: must not be 0.0.0.0/0: list the networks that may reach the API'],
    [{ cloud: { region: 'us-east-1', apiAccessCidrs: ['192.168.1.0/24'] } }, 'needs.yaml:6:7: cloud.apiAccessCidrs[0]: must be a public IPv4 range (private networks reach the private endpoint), got "192.168.1.0/24"'],
    [{ cloud: { region: 'us-east-1', dataResidency: ['eu-west-1'] } }, 'needs.yaml:6:5: cloud.dataResidency: must include cloud.region (us-east-1): the lakehouse keeps data in that region'],
    [{ business: { compliance: ['sox'] } }, 'needs.yaml:7:7: business.compliance[0]: must be one of gdpr, hipaa, ccpa, got "sox" (a string)'],
    [{ business: { monthlyBudgetUsd: 0 } }, 'needs.yaml:6:21: business.monthlyBudgetUsd: must be a number greater than 0, got 0'],
    [{ workload: { training: { accelerator: 'h1000', gpus: 8 } } }, 'needs.yaml:7:18: workload.training.accelerator: must be one of h100, h200, a100, l40s, l4, a10g, trainium, got "h1000" (a string) (did you mean "h100"?)'],
    [{ workload: { training: { accelerator: 'h100', gpus: 8, interruptible: 'yes' } } }, 'needs.yaml:9:20: workload.training.interruptible: must be true or false, got "yes" (a string)'],
    [{ workload: { inference: { accelerator: 'l4', latencyMs: 0 } } }, 'needs.yaml:8:16: workload.inference.latencyMs: must be an integer from 1 to 60000, got 0'],
    [{ data: { tiers: { hotDays: 10 } } }, 'needs.yaml:7:14: data.tiers.hotDays: must be an integer from 30 to 36500, got 10'],
    [{ data: { tiers: { hotDays: 30, coolDays: 90, archiveDays: 90 } } }, 'needs.yaml:9:18: data.tiers.archiveDays: must be at least 30 days after coolDays (90), because S3 keeps objects 30 days in GLACIER_IR before a DEEP_ARCHIVE transition; got 90'],
    [{ data: { tiers: { hotDays: 30, coolDays: 45 } } }, 'needs.yaml:8:15: data.tiers.coolDays: must be at least 30 days after hotDays (30), because S3 keeps objects 30 days in STANDARD_IA before a GLACIER_IR transition; got 45'],
    [{ data: { tiers: { coolDays: 90, archiveDays: 100 } } }, 'needs.yaml:8:18: data.tiers.archiveDays: must be at least 30 days after coolDays (90), because S3 keeps objects 30 days in GLACIER_IR before a DEEP_ARCHIVE transition; got 100'],
    [{ data: { tableFormat: 'delta' } }, 'needs.yaml:6:16: data.tableFormat: must be one of iceberg, none, got "delta" (a string)'],
    [{ state: { bucket: 'Bad_Bucket' } }, 'needs.yaml:6:11: state.bucket: must be an S3 bucket name, got "Bad_Bucket" (a string)'],
    [{ guardrails: { suppress: [{ rule: 'EKS_ENDPOINTS', reason: 'reached over VPN only' }] } }, `needs.yaml:7:13: guardrails.suppress[0].rule: must be one of ${RULE_IDS.join(', ')}, got "EKS_ENDPOINTS" (a string) (did you mean "EKS_ENDPOINT"?)`],
    [{ guardrails: { suppress: [{ rule: 'EKS_ENDPOINT', reason: 'vpn' }] } }, 'needs.yaml:8:15: guardrails.suppress[0].reason: must be a reason of at least 10 characters, got "vpn" (a string)'],
    [{ guardrails: { suppress: [{ rule: 'EKS_ENDPOINT', resource: 'other-gpu-cluster/cluster', reason: 'reached over VPN only' }] } }, 'needs.yaml:8:17: guardrails.suppress[0].resource: must be a construct path that starts with a stack of this file ("acme-ml-<role>/..."), got "other-gpu-cluster/cluster"'],
  ])('%j → %s', (patch, expected) => {
    expect(problemsOf(patch)).toEqual([expected]);
  });

  test('tiers exactly 30 days apart are what S3 accepts, so they are valid', () => {
    expect(problemsOf({ data: { tiers: { hotDays: 30, coolDays: 60, archiveDays: 90 } } })).toEqual([]);
  });

  test('EKS_ENDPOINTS suggests the rule id', () => {
    expect(problemsOf({ guardrails: { suppress: [{ rule: 'EKS_ENDPOINTS', reason: 'reached over VPN only' }] } })[0]).toMatch(/\(did you mean "EKS_ENDPOINT"\?\)$/);
  });
});

describe('loadNeeds: onPrem and strategy prerequisites', () => {
  const onPrem = { kubeContext: 'dc1', gpuNodes: 4, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' };

  test.each([
    [{ onPrem: { ...onPrem, networkCidr: '10.0.128.0/17' } }, 'needs.yaml:8:16: onPrem.networkCidr: 10.0.128.0/17 overlaps cloud.vpcCidr 10.0.0.0/16: routes across the VPN would be ambiguous; choose disjoint ranges'],
    [{ onPrem: { ...onPrem, podCidr: '10.50.128.0/17' } }, 'needs.yaml:10:12: onPrem.podCidr: 10.50.128.0/17 overlaps onPrem.networkCidr 10.50.0.0/16: choose disjoint ranges'],
    [{ onPrem: { ...onPrem, podCidr: '10.0.0.0/12' } }, 'needs.yaml:10:12: onPrem.podCidr: 10.0.0.0/12 overlaps cloud.vpcCidr 10.0.0.0/16: choose disjoint ranges'],
    [{ onPrem: { ...onPrem, vpnPeerIp: '10.1.2.3' } }, 'needs.yaml:9:14: onPrem.vpnPeerIp: must be a public IPv4 address (the VPN peer is reached over the internet), got "10.1.2.3"'],
    [{ onPrem: { ...onPrem, vpnPeerIp: '100.64.0.1' } }, 'needs.yaml:9:14: onPrem.vpnPeerIp: must be a public IPv4 address (the VPN peer is reached over the internet), got "100.64.0.1"'],
    [{ onPrem: { ...onPrem, vpnPeerIp: '300.1.1.1' } }, 'needs.yaml:9:14: onPrem.vpnPeerIp: must be an IPv4 address such as 203.0.113.10, got "300.1.1.1"'],
    [{ onPrem: { ...onPrem, gpusPerNode: 17 } }, 'needs.yaml:10:16: onPrem.gpusPerNode: must be an integer from 1 to 16, got 17'],
    [{ onPrem: { ...onPrem, accelerator: 'trainium' } }, 'needs.yaml:10:16: onPrem.accelerator: is trainium, which exists only in AWS: name the NVIDIA accelerator of the on-prem servers (h100, h200, a100, l40s, l4 or a10g)'],
    [{ onPrem: { gpuNodes: 4, networkCidr: '10.50.0.0/16', vpnPeerIp: '203.0.113.10' } }, 'needs.yaml:6:3: onPrem.kubeContext: is required in mode cluster: the kubeconfig context of the on-prem cluster (or set mode: hybrid-nodes to join the servers to EKS)'],
    [{ strategy: 'hybrid' }, 'needs.yaml:5:11: strategy: is hybrid, which needs an onPrem section (the on-prem cluster and its VPN peer): add onPrem, or choose another strategy'],
    [{ strategy: 'edge-centric' }, 'needs.yaml:5:11: strategy: is edge-centric, which needs at least one site in workload.inference.sites: add a site, or choose another strategy'],
    [{ business: { dataSensitivity: 'high' } }, 'needs.yaml:6:20: business.dataSensitivity: is high, so rule sovereignty selects the hybrid strategy, which needs an onPrem section: add onPrem (your data centre), or set strategy explicitly (for example strategy: cloud-first) to overrule it'],
  ])('%j → %s', (patch, expected) => {
    expect(problemsOf(patch)).toEqual([expected]);
  });

  test('documentation ranges count as public', () => {
    expect(problemsOf({ onPrem: { ...onPrem, vpnPeerIp: '198.51.100.7' } })).toEqual([]);
  });

  test('high sensitivity with an explicit strategy needs no onPrem', () => {
    expect(problemsOf({ business: { dataSensitivity: 'high' }, strategy: 'cloud-first' })).toEqual([]);
  });

  test('duplicate site names are reported at the duplicate', () => {
    const sites = [
      { name: 'plant-a', hardware: 'x86-l4', nodes: 1 },
      { name: 'plant-a', hardware: 'x86-cpu', nodes: 1 },
    ];
    const lines = problemsOf({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites } } });
    expect(lines).toEqual([expect.stringContaining('workload.inference.sites[1].name: duplicate site name "plant-a" (also sites[0]); site names must be unique')]);
  });

  test('more than 500 sites is an error', () => {
    const sites = Array.from({ length: 501 }, (_, i) => ({ name: `site-${i}`, hardware: 'x86-cpu', nodes: 1 }));
    expect(problemsOf({ workload: { inference: { accelerator: 'l4', latencyMs: 10, sites } } })).toEqual([expect.stringContaining('workload.inference.sites: must list at most 500 sites, got 501')]);
  });

  test('single-node training that does not fit one instance is an error at gpus', () => {
    expect(problemsOf({ workload: { training: { accelerator: 'h100', gpus: 16, multiNode: false } } })).toEqual([
      'needs.yaml:8:11: workload.training.gpus: h100: gpus 16 does not fit on one node; the largest h100 instance type, p5.48xlarge, has 8; set multiNode true or ask for at most 8 gpus',
    ]);
  });

  test('a problem in one section does not hide a cross-field problem in another', () => {
    const lines = problemsOf({ business: { dataSensitivty: 'low' }, onPrem: { ...onPrem, networkCidr: '10.0.0.0/16' } });
    expect(lines).toEqual([expect.stringContaining('business.dataSensitivty: unknown field'), expect.stringContaining('onPrem.networkCidr: 10.0.0.0/16 overlaps')]);
  });
});

describe('loadNeeds: warnings', () => {
  test('prod without a state bucket warns, located at environment', () => {
    const { warnings } = loadNeeds(`${MINIMAL_YAML}environment: prod\n`, 'needs.yaml');
    expect(warnings).toEqual([expect.objectContaining({ line: 5, column: 14, path: ['environment'] })]);
    expect(warnings[0].message).toContain('local files');
  });
});

describe('loadNeeds: odd YAML', () => {
  test('a second document is refused with a plain message', () => {
    expect(problemLines(`${MINIMAL_YAML}---\nfoo: 1\n`)).toEqual([expect.stringMatching(/^needs\.yaml:5:1: .*YAML syntax: a needs file holds one document; remove the second document after "---"$/)]);
  });

  test('a collection used as a key is an unknown field, with no runtime warning printed', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    expect(problemLines(`${MINIMAL_YAML}? [a, b]\n: 1\n`)).toEqual([expect.stringContaining(': unknown field; the fields here are apiVersion, name')]);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('list items of the wrong type are located at the item', () => {
    const text = `${MINIMAL_YAML}workload:\n  inference:\n    accelerator: l4\n    latencyMs: 5\n    sites: [7, null]\n`;
    expect(problemLines(text)).toEqual([
      'needs.yaml:9:13: workload.inference.sites[0]: must be a mapping, got 7',
      'needs.yaml:9:16: workload.inference.sites[1]: must be a mapping, got null',
    ]);
  });
});

describe('loadNeeds: EKS quota warnings', () => {
  test('a node group above 450 nodes warns at the field that sizes it', () => {
    const text = `${MINIMAL_YAML}workload:\n  training: {accelerator: l4, gpus: 4096}\n  inference: {accelerator: l4, latencyMs: 50, replicas: 451}\n`;
    const { warnings } = loadNeeds(text, 'needs.yaml');
    expect(warnings.map((w) => [w.line, w.column, w.path.join('.'), w.message.slice(0, 26)])).toEqual([
      [6, 37, 'workload.training.gpus', 'needs 512 nodes, more than'],
      [7, 57, 'workload.inference.replicas', 'needs 451 nodes (one per r'],
    ]);
  });
});
