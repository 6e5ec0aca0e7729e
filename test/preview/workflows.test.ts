/**
 * The preview workflows (.github/workflows/), parsed with `yaml` and checked for structure
 * and for the security properties they exist to keep: the pull_request workflow runs PR code
 * with a read-only token and no secrets; only the workflow_run workflow can comment, and it
 * never checks out or runs PR code; only same-repository PRs get cloud credentials, through
 * OIDC, in a protected environment; nothing ever applies. The comment scripts are run against
 * a fake GitHub API.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const DIR = join(__dirname, '..', '..', '.github', 'workflows');

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string; 'continue-on-error'?: boolean; 'working-directory'?: string; if?: string };
type Job = { 'runs-on': string; if?: string; environment?: string; permissions?: Record<string, string>; steps: Step[]; 'timeout-minutes'?: number };
type Workflow = { name: string; on: Record<string, unknown>; permissions?: Record<string, string> | string; concurrency?: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job> };

const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (file: string) => readFileSync(join(DIR, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps);
const KNOWN_EVENTS = ['pull_request', 'workflow_run', 'push', 'workflow_dispatch'];
const PERMISSION_SCOPES = ['actions', 'checks', 'contents', 'deployments', 'id-token', 'issues', 'packages', 'pages', 'pull-requests', 'statuses', 'security-events'];

describe('every workflow', () => {
  test('the four workflows exist', () => {
    expect(files).toEqual(['deploy.yml', 'plan.yml', 'preview-comment.yml', 'preview.yml']);
  });

  test.each(files)('%s passes the GitHub workflow schema (action-validator)', (file) => {
    expect(validateWorkflow(readFileSync(join(DIR, file), 'utf8')).errors).toEqual([]);
  });

  test.each(files)('%s is a well-formed workflow', (file) => {
    const wf = workflow(file);
    expect(typeof wf.name).toBe('string');
    for (const event of Object.keys(wf.on)) expect(KNOWN_EVENTS).toContain(event);
    expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    for (const job of Object.values(wf.jobs)) {
      expect(job['runs-on']).toBe('ubuntu-latest');
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      expect(Array.isArray(job.steps)).toBe(true);
      for (const step of job.steps) {
        expect(typeof step.name).toBe('string');
        expect([step.uses, step.run].filter((x) => x !== undefined)).toHaveLength(1);
      }
      for (const scopes of [wf.permissions, job.permissions]) {
        if (scopes === undefined) continue;
        expect(typeof scopes).toBe('object');
        for (const [scope, level] of Object.entries(scopes as Record<string, string>)) {
          expect(PERMISSION_SCOPES).toContain(scope);
          expect(['read', 'write', 'none']).toContain(level);
        }
      }
    }
  });

  test.each(files)('%s: never pull_request_target, permissions set explicitly, actions pinned to a commit with the version named', (file) => {
    const wf = workflow(file);
    expect(Object.keys(wf.on)).not.toContain('pull_request_target');
    expect(text(file)).not.toMatch(/pull_request_target|write-all/);
    expect(wf.permissions).toBeDefined();
    for (const step of steps(wf).filter((s) => s.uses)) {
      expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(text(file)).toMatch(new RegExp(`uses: ${step.uses!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`));
    }
  });

  // Only deploy.yml applies, and only by a person's dispatch (see its tests below).
  test.each(files.filter((f) => f !== 'deploy.yml'))('%s never applies or destroys anything', (file) => {
    expect(text(file)).not.toMatch(/terraform\s+(apply|destroy|import|state\s+(rm|mv|push))|cdktf\s+(deploy|destroy)|auto-approve/);
  });

  test.each(files)('%s never destroys or rewrites state', (file) => {
    expect(text(file)).not.toMatch(/terraform\s+(destroy|import|state\s+(rm|mv|push))|cdktf\s+destroy/);
  });

  test('one commit per action across the workflows', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of files) {
      for (const step of steps(workflow(file)).filter((s) => s.uses)) {
        const [action, sha] = step.uses!.split('@');
        pins.set(action, (pins.get(action) ?? new Set()).add(sha));
      }
    }
    for (const [, shas] of pins) expect(shas.size).toBe(1);
  });
});

describe('preview.yml (pull_request, runs PR code)', () => {
  const wf = workflow('preview.yml');
  const job = wf.jobs.preview;

  test('read-only token, no secrets, no job-level permissions, one run per PR', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toBeUndefined();
    expect(text('preview.yml')).not.toMatch(/secrets\./);
    expect(wf.concurrency).toEqual({ group: 'tracklayer-preview-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
    for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
  });

  test('synthesizes the head and the base (in a subfolder), renders with --base, uploads the comment and writes the job summary', () => {
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx tracklayer synth --needs needs.yaml --out .preview/head');
    const base = job.steps.find((s) => s.with?.ref === '${{ github.event.pull_request.base.sha }}');
    expect(base?.with?.path).toBe('.preview-base');
    expect(runs).toContain('npx tracklayer synth --needs needs.yaml --out ../.preview/base');
    expect(runs).toMatch(/npx tracklayer preview "\$\{args\[@\]\}" > \.preview\/comment\.md/);
    expect(runs).toContain('args+=(--base .preview/base --base-needs .preview-base/needs.yaml)');
    expect(runs).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.name).toBe('tracklayer-preview');
    expect(String(upload?.with?.path)).toContain('.preview/comment.md');
  });
});

describe('preview-comment.yml (workflow_run, may comment)', () => {
  const wf = workflow('preview-comment.yml');
  const job = wf.jobs.comment;

  test('runs after the preview workflow, only for pull requests that previewed successfully', () => {
    expect(wf.on).toEqual({ workflow_run: { workflows: [workflow('preview.yml').name], types: ['completed'] } });
    expect(job.if).toContain("github.event.workflow_run.event == 'pull_request'");
    expect(job.if).toContain("github.event.workflow_run.conclusion == 'success'");
  });

  test('can comment, nothing more; never checks out or runs PR code', () => {
    expect(wf.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    expect(job.permissions).toBeUndefined();
    expect(job.steps.some((s) => s.uses?.startsWith('actions/checkout@'))).toBe(false);
    expect(job.steps.some((s) => s.run !== undefined)).toBe(false);
    expect(job.steps.map((s) => s.uses!.split('@')[0])).toEqual(['actions/download-artifact', 'actions/github-script']);
    expect(job.steps[0].with).toEqual(expect.objectContaining({ name: 'tracklayer-preview', 'run-id': '${{ github.event.workflow_run.id }}' }));
  });
});

describe('plan.yml: a private cluster API is reported as not plannable from where it runs', () => {
  const run = workflow('plan.yml').jobs.plan.steps.find((s) => s.name === 'Plan each stack')!.run!;
  /** The api_reachable function of the step, run in bash with a stub `aws` that prints `endpoint` (or fails). */
  function reach(endpoint: string | null): number {
    const fn = run.slice(run.indexOf('api_reachable() {'), run.indexOf('plan_stack() {'));
    const bin = mkdtempSync(join(tmpdir(), 'tracklayer-aws-'));
    writeFileSync(join(bin, 'aws'), endpoint === null ? '#!/bin/sh\nexit 254\n' : `#!/bin/sh\necho ${endpoint}\n`, { mode: 0o755 });
    const result = spawnSync('bash', ['-c', `${fn}\napi_reachable acme-ml`], { env: { PATH: `${bin}:${process.env.PATH}` }, timeout: 30_000 });
    return result.status ?? -1;
  }

  test('the gpu-platform stack is checked before its plan; each outcome is reported, none fails the job', () => {
    expect(run).toContain('if [[ "$stack" == *-gpu-platform ]]; then');
    expect(run).toContain('::warning::$stack: not plannable from where it runs:');
    expect(run).toContain('::notice::$stack: not plannable yet:');
    expect(run.indexOf('api_reachable "$cluster"')).toBeLessThan(run.indexOf('terraform init'));
  });

  test('GIVEN an endpoint that refuses this runner THEN 1 (not plannable from here); GIVEN no readable cluster THEN 2', () => {
    expect(reach('https://127.0.0.1')).toBe(1);
    expect(reach(null)).toBe(2);
  });
});

describe('plan.yml (credentials, same-repository PRs only)', () => {
  const wf = workflow('plan.yml');
  const job = wf.jobs.plan;
  const runs = job.steps.map((s) => s.run ?? '').join('\n');

  test('only same-repository pull requests, in a protected environment, one run per PR', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request']);
    expect(job.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(job.environment).toBe('tracklayer-plan');
    expect(wf.concurrency).toEqual({ group: 'tracklayer-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  });

  test('OIDC credentials from the repository variable, never stored keys', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
    const aws = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(aws?.with?.['role-to-assume']).toBe('${{ vars.TRACKLAYER_PLAN_ROLE_ARN }}');
    expect(Object.keys(aws?.with ?? {})).not.toEqual(expect.arrayContaining(['aws-access-key-id']));
    expect(text('plan.yml')).not.toMatch(/secrets\.|aws-access-key-id|aws-secret-access-key/);
    // credentials come after every step that runs npm or synthesizes
    const index = (pred: (s: Step) => boolean) => job.steps.findIndex(pred);
    const credentials = index((s) => s === aws);
    expect(credentials).toBeGreaterThan(Math.max(...job.steps.map((s, i) => (/npm ci|tracklayer synth/.test(s.run ?? '') ? i : -1))));
  });

  test('Terraform set up; init, plan -out and show -json per stack in the order select --json lists them; then preview --plan-dir', () => {
    expect(job.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))?.with?.terraform_wrapper).toBe(false);
    expect(runs).toContain('npx tracklayer select --needs needs.yaml --json');
    expect(runs).toMatch(/for stack in "\$\{stacks\[@\]\}"/);
    expect(runs).toContain('terraform init -input=false');
    expect(runs).toMatch(/terraform plan [^\n]*-out=plan\.tfplan/);
    expect(runs).toContain('terraform show -json plan.tfplan > "$GITHUB_WORKSPACE/.preview/plans/$stack.json"');
    expect(runs).toContain('--plan-dir .preview/plans');
    expect(job.steps.at(-1)?.uses).toMatch(/^actions\/github-script@/);
  });
});

/** Runs a github-script body against a fake API; returns what it did. */
async function runScript(script: string, options: { files: Record<string, string>; payload: Record<string, unknown>; comments: { id: number; user: { login: string }; body: string }[]; prHeadSha?: string }) {
  const calls: string[] = [];
  const failures: string[] = [];
  const github = {
    rest: {
      pulls: { get: async ({ pull_number }: { pull_number: number }) => ({ data: { number: pull_number, head: { sha: options.prHeadSha ?? 'abc' } } }) },
      issues: {
        listComments: 'listComments',
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => void calls.push(`update ${comment_id}: ${body.split('\n').slice(0, 2).join(' | ')}`),
        createComment: async ({ issue_number, body }: { issue_number: number; body: string }) => void calls.push(`create #${issue_number}: ${body.split('\n').slice(0, 2).join(' | ')}`),
      },
    },
    paginate: async () => options.comments,
  };
  const fakeRequire = (name: string) => {
    if (name !== 'fs') throw new Error(`unexpected require ${name}`);
    return { readFileSync: (file: string) => { if (!(file in options.files)) throw new Error(`no file ${file}`); return options.files[file]; } };
  };
  const context = { payload: options.payload, repo: { owner: 'acme', repo: 'infra' } };
  const core = { setFailed: (m: string) => void failures.push(m), info: () => undefined };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;
  await new AsyncFunction('github', 'context', 'core', 'require', script)(github, context, core, fakeRequire);
  return { calls, failures };
}

describe('the comment scripts', () => {
  const scriptOf = (file: string) => steps(workflow(file)).find((s) => s.uses?.startsWith('actions/github-script@'))!.with!.script as string;
  const marker = '<!-- tracklayer-preview -->';
  const bot = (id: number, body: string) => ({ id, user: { login: 'github-actions[bot]' }, body });
  const run = { workflow_run: { head_sha: 'abc' } };
  const artifact = (pr = '42', comment = `${marker}\n## preview`) => ({ 'preview/pr-number': `${pr}\n`, 'preview/comment.md': comment });

  test('preview-comment creates the comment, then updates the one that starts with the marker', async () => {
    const script = scriptOf('preview-comment.yml');
    expect((await runScript(script, { files: artifact(), payload: run, comments: [] })).calls).toEqual([`create #42: ${marker} | <!-- tracklayer-preview-source: synth abc -->`]);
    const comments = [{ id: 1, user: { login: 'someone' }, body: `${marker} quoted by a person` }, bot(2, 'other bot comment'), bot(3, `${marker}\nold`)];
    expect((await runScript(script, { files: artifact(), payload: run, comments })).calls).toEqual([`update 3: ${marker} | <!-- tracklayer-preview-source: synth abc -->`]);
  });

  test('preview-comment refuses a bad PR number, a stale head, or a body without the marker; keeps a plan comment of the same commit', async () => {
    const script = scriptOf('preview-comment.yml');
    expect(await runScript(script, { files: artifact('42; rm -rf /'), payload: run, comments: [] })).toEqual({ calls: [], failures: ['pr-number in the artifact is not a pull request number'] });
    expect(await runScript(script, { files: artifact(), payload: run, comments: [], prHeadSha: 'newer' })).toEqual({ calls: [], failures: [] });
    expect((await runScript(script, { files: artifact('42', 'hello'), payload: run, comments: [] })).failures).toHaveLength(1);
    const planned = bot(3, `${marker}\n<!-- tracklayer-preview-source: plan abc -->\nplan`);
    expect((await runScript(script, { files: artifact(), payload: run, comments: [planned] })).calls).toEqual([]);
    const oldPlan = bot(3, `${marker}\n<!-- tracklayer-preview-source: plan older -->\nplan`);
    expect((await runScript(script, { files: artifact(), payload: run, comments: [oldPlan] })).calls).toHaveLength(1);
  });

  test('plan updates the same comment', async () => {
    const script = scriptOf('plan.yml');
    const payload = { pull_request: { number: 7, head: { sha: 'def' } } };
    const files = { '.preview/comment.md': `${marker}\n## plan` };
    expect((await runScript(script, { files, payload, comments: [bot(9, `${marker}\nsynth`)] })).calls).toEqual([`update 9: ${marker} | <!-- tracklayer-preview-source: plan def -->`]);
    expect((await runScript(script, { files, payload, comments: [] })).calls).toEqual([`create #7: ${marker} | <!-- tracklayer-preview-source: plan def -->`]);
  });
});
