import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/run-cli';
import { dcgmSeries, queryRange } from '../support/metrics';

const dir = mkdtempSync(join(tmpdir(), 'tracklayer-optimize-'));
const DCGM = 'test/optimize/fixtures/prometheus-dcgm-h100-week-12pct.json';
const CLOUDWATCH = 'test/optimize/fixtures/cloudwatch-node-gpu-utilization-week-12pct.json';
const NEEDS = readFileSync('needs.yaml', 'utf8');
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('tracklayer optimize', () => {
  test('--json prints exactly one object with the recommendations; notes go to stderr', () => {
    const run = cli(['optimize', '--metrics', DCGM, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({
      recommendations: [
        {
          rule: 'scale-down',
          detail: 'training GPUs ran at 12.0% at the 95th percentile (mean 12.0%) over 168 h, 8 series of DCGM_FI_DEV_GPU_UTIL, under 30%: the same work fits 16 GPUs at 60% (whole p5.48xlarge nodes when it spans nodes); set workload.training.gpus 64 → 16',
          change: { path: 'workload.training.gpus', from: 64, to: 16 },
          monthlySavingsUsd: 241075.2,
        },
      ],
    });
    expect(run.stderr).toContain('optimize: cache: no S3 BytesDownloaded in the metrics');
  });

  test('for people: the total, each recommendation and its change', () => {
    const run = cli(['optimize', '--metrics', CLOUDWATCH]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'optimize: 1 recommendation(s), $241,075.20 a month in all (catalog prices, planned scale)\n' +
        '- scale-down ($241,075.20 a month): training GPUs ran at 12.0% at the 95th percentile (mean 12.0%) over 168 h, 1 series of node_gpu_utilization, under 30%: the same work fits 16 GPUs at 60% (whole p5.48xlarge nodes when it spans nodes); set workload.training.gpus 64 → 16\n' +
        '    change: workload.training.gpus: 64 → 16\n',
    );
  });

  test('--metrics repeats: the series of every file count', () => {
    const l4 = file('l4.json', JSON.stringify(queryRange([dcgmSeries('NVIDIA L4', () => 12)])));
    const run = cli(['optimize', '--metrics', DCGM, '--metrics', l4, '--json']);
    expect(JSON.parse(run.stdout).recommendations.map((r: { change: { path: string } }) => r.change.path)).toEqual(['workload.training.gpus', 'workload.inference.replicas']);
  });

  test('GIVEN no --metrics THEN exit 2 and what to give', () => {
    expect(cli(['optimize'])).toEqual({ code: 2, stdout: '', stderr: 'optimize: give the observed metrics with --metrics FILE (see README "optimize" for the export commands)\n' });
  });

  test('GIVEN a metrics file with bad values THEN exit 2, every problem at its line and column, no recommendation', () => {
    const text = '{\n  "MetricDataResults": [\n    {\n      "Id": "gpu",\n      "Label": "node_gpu_utilization",\n      "Timestamps": ["2026-11-16T01:00:00Z", "2026-11-16T00:00:00Z"],\n      "Values": [12.5, NaN],\n      "StatusCode": "Complete"\n    },\n    {\n      "Id": "mem",\n      "Label": "node_memory_utilization",\n      "Timestamps": ["2026-11-16T00:00:00Z"],\n      "Values": [1, 2],\n      "StatusCode": "Complete"\n    },\n    { "Id": "gpu2", "Label": "node_gpu_utilization", "Timestamps": [], "Values": [], "StatusCode": "Complete" }\n  ]\n}\n';
    const path = file('bad.json', text);
    const run = cli(['optimize', '--metrics', path, '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toEqual([
      `${path}:7:24: MetricDataResults[0].Values[1]: MetricDataResults[0] (Id gpu): Values[1] is NaN: no measurement; drop the sample or fix the exporter (a NaN would poison every average)`,
      `${path}:12:16: MetricDataResults[1].Label: MetricDataResults[1] (Id mem): unknown metric "node_memory_utilization"; the Label (or Id) must name one of node_gpu_utilization, nvidia_smi_utilization_gpu, RequestCount, BytesDownloaded, GetRequests, BucketSizeBytes`,
      `${path}:14:17: MetricDataResults[1].Values: MetricDataResults[1] (Id mem): 1 Timestamps but 2 Values; each value needs its timestamp`,
      `${path}:17:82: MetricDataResults[2].Values: MetricDataResults[2] (Id gpu2): no datapoints in the time range (check the dimensions, the period and --start-time/--end-time)`,
      'optimize: no recommendation from metrics with problems; fix the export and run again',
      '',
    ]);
  });

  test('GIVEN a file of another format THEN exit 2 naming the three accepted ones', () => {
    const run = cli(['optimize', '--metrics', 'test/audit/fixtures/empty.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'test/audit/fixtures/empty.json:1:1: (root): not a metrics file: expected the JSON output of aws cloudwatch get-metric-data (an object with MetricDataResults), a Prometheus /api/v1/query_range answer (status and data.result) or promtool query range -o json (a list of series), got an object\n' +
        'optimize: no recommendation from metrics with problems; fix the export and run again\n',
    );
  });

  test('GIVEN an invalid needs file THEN exit 2 with its located problems', () => {
    const needs = file('bad-needs.yaml', NEEDS.replace('gpus: 64', 'gpus: -4'));
    const run = cli(['optimize', '--metrics', DCGM, '--needs', needs]);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${needs}:25:11: workload.training.gpus: must be an integer from 1 to 4096, got -4\n` });
  });

  test('GIVEN a bad --request-cost-threshold THEN exit 2', () => {
    const run = cli(['optimize', '--metrics', DCGM, '--request-cost-threshold', 'cheap']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must be a positive number of US dollars per 1,000 requests, got "cheap"');
  });
});

describe('tracklayer optimize --write', () => {
  test('applies the changes in place: comments and key order survive, and select prices the new file the saving lower', () => {
    const needs = file('needs.yaml', NEEDS);
    const run = cli(['optimize', '--metrics', DCGM, '--needs', needs, '--write']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${needs}: workload.training.gpus 64 → 16\n`);
    const written = readFileSync(needs, 'utf8');
    expect(written).toBe(NEEDS.replace('    gpus: 64               # 8 × p5.48xlarge over EFA', '    gpus: 16               # 8 × p5.48xlarge over EFA'));
    const cost = (path: string) => JSON.parse(cli(['select', '--needs', path, '--json']).stdout).cost.maxMonthlyUsd as number;
    expect(cost('needs.yaml') - cost(needs)).toBeCloseTo(241075.2, 2);
  });

  test('GIVEN nothing to change THEN nothing written', () => {
    const needs = file('busy.yaml', NEEDS);
    const busy = file('busy.json', JSON.stringify(queryRange([dcgmSeries('NVIDIA H100 80GB HBM3', () => 85)])));
    const run = cli(['optimize', '--metrics', busy, '--needs', needs, '--write', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ recommendations: [] });
    expect(run.stderr).toContain(`${needs}: no recommendation changes the needs file; nothing written\n`);
    expect(readFileSync(needs, 'utf8')).toBe(NEEDS);
  });

  test('GIVEN metrics with a problem THEN nothing is written: the needs file is byte-identical', () => {
    const needs = file('untouched.yaml', NEEDS);
    const nan = file('nan.json', JSON.stringify(queryRange([dcgmSeries('NVIDIA H100 80GB HBM3', (i) => (i === 3 ? 'NaN' : 12))])));
    expect(cli(['optimize', '--metrics', DCGM, '--metrics', nan, '--needs', needs, '--write']).code).toBe(2);
    expect(readFileSync(needs, 'utf8')).toBe(NEEDS);
  });
});
