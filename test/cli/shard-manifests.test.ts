// deploy/kubernetes/: the manifests parse and are valid batch/v1 Jobs for the fields they use (a structural
// check of the Kubernetes API's rules for those fields), and they run the commands this CLI has.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fixturePath, REPO_ROOT } from '../helpers/paths.js';

const DIR = join(REPO_ROOT, 'deploy', 'kubernetes');
type Obj = Record<string, unknown>;

function load(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(join(DIR, file), 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: not YAML documents`);
  return docs.map((d) => {
    expect(d.errors, file).toEqual([]);
    return d.toJS() as Obj;
  });
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, path: string): Obj => {
  if (!isObj(v)) throw new Error(`${path}: expected a mapping`);
  return v;
};
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** The problems of a batch/v1 Job, for the fields our manifests use. */
function jobProblems(job: Obj): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string): void => void (ok || out.push(what));
  check(job.apiVersion === 'batch/v1', 'apiVersion is batch/v1');
  check(job.kind === 'Job', 'kind is Job');
  const meta = obj(job.metadata, 'metadata');
  check(typeof meta.name === 'string' && DNS_SUBDOMAIN.test(meta.name) && meta.name.length <= 63, 'metadata.name is a DNS name of at most 63 characters');
  const spec = obj(job.spec, 'spec');
  const known = ['completionMode', 'completions', 'parallelism', 'backoffLimit', 'backoffLimitPerIndex', 'maxFailedIndexes', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'template', 'selector', 'manualSelector', 'suspend', 'podFailurePolicy'];
  for (const k of Object.keys(spec)) check(known.includes(k), `spec.${k} is a Job spec field`);
  const mode = spec.completionMode ?? 'NonIndexed';
  check(mode === 'Indexed' || mode === 'NonIndexed', 'spec.completionMode is Indexed or NonIndexed');
  for (const k of ['completions', 'parallelism', 'backoffLimit']) {
    if (spec[k] !== undefined) check(Number.isInteger(spec[k]) && (spec[k] as number) >= 0, `spec.${k} is a whole number ≥ 0`);
  }
  if (mode === 'Indexed') check(Number.isInteger(spec.completions) && (spec.completions as number) >= 1 && (spec.completions as number) <= 100_000, 'an Indexed Job has 1 ≤ spec.completions ≤ 100000');
  const template = obj(spec.template, 'spec.template');
  const pod = obj(template.spec, 'spec.template.spec');
  check(pod.restartPolicy === 'Never' || pod.restartPolicy === 'OnFailure', 'spec.template.spec.restartPolicy is Never or OnFailure');
  const sc = obj(pod.securityContext, 'spec.template.spec.securityContext');
  check(sc.runAsNonRoot === true, 'the pod runs as non-root (securityContext.runAsNonRoot)');
  if (sc.runAsUser !== undefined) check(Number.isInteger(sc.runAsUser) && (sc.runAsUser as number) > 0, 'securityContext.runAsUser is a non-zero user id');
  const volumes = Array.isArray(pod.volumes) ? pod.volumes.map((v, i) => obj(v, `volumes[${i}]`)) : [];
  const volumeNames = new Set(volumes.map((v) => v.name));
  check(Array.isArray(pod.containers) && pod.containers.length > 0, 'spec.template.spec.containers is a non-empty list');
  for (const [i, raw] of (Array.isArray(pod.containers) ? pod.containers : []).entries()) {
    const c = obj(raw, `containers[${i}]`);
    const at = `containers[${i}]`;
    check(typeof c.name === 'string' && DNS_LABEL.test(c.name), `${at}.name is a DNS label`);
    check(typeof c.image === 'string' && c.image.length > 0, `${at}.image is set`);
    for (const k of ['command', 'args']) {
      if (c[k] !== undefined) check(Array.isArray(c[k]) && (c[k] as unknown[]).every((x) => typeof x === 'string'), `${at}.${k} is a list of strings`);
    }
    for (const [j, e] of (Array.isArray(c.env) ? c.env : []).entries()) {
      const ev = obj(e, `${at}.env[${j}]`);
      check(typeof ev.name === 'string' && (ev.value === undefined || typeof ev.value === 'string'), `${at}.env[${j}] has a name and a string value`);
    }
    for (const [j, m] of (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).entries()) {
      const vm = obj(m, `${at}.volumeMounts[${j}]`);
      check(typeof vm.mountPath === 'string' && vm.mountPath.startsWith('/'), `${at}.volumeMounts[${j}].mountPath is absolute`);
      check(volumeNames.has(vm.name), `${at}.volumeMounts[${j}] names a volume of the pod`);
    }
  }
  return out;
}

const container = (job: Obj): Obj => obj((obj(obj(obj(job.spec, 'spec').template, 'template').spec, 'pod').containers as unknown[])[0], 'container');
const script = (job: Obj): string => {
  const c = container(job);
  return [...(c.command as string[]), ...(c.args as string[])].join(' ');
};

/** Run a Job container's `sh -c` script here: /data moved to `data`, `falco-replay` the built CLI. */
function runScript(job: Obj, data: string, extraEnv: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const c = container(job);
  expect(c.command).toEqual(['/bin/sh', '-c']);
  const body = (c.args as string[])[0] as string;
  // The image puts falco-replay on PATH; here a wrapper in a bin folder next to the volume does.
  const bin = join(data, '..', `${basename(data)}-bin`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'falco-replay'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, 'dist', 'cli', 'main.js')}" "$@"\n`, { mode: 0o755 });
  const env: Record<string, string> = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, ...extraEnv };
  for (const e of (c.env as Obj[] | undefined) ?? []) env[e.name as string] = e.value as string;
  const r = spawnSync('/bin/sh', ['-c', body.split('/data/').join(`${data}/`).split('/data ').join(`${data} `)], { env, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const envOf = (job: Obj, name: string): unknown => (container(job).env as Obj[]).find((e) => e.name === name)?.value;

describe('deploy/kubernetes manifests', () => {
  it('hold the replay Job, the merge Job and the volume claim', () => {
    expect(readdirSync(DIR).sort()).toEqual(['README.md', 'merge-job.yaml', 'pvc.yaml', 'replay-job.yaml']);
    const [pvc] = load('pvc.yaml');
    expect(pvc).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'falco-replay-data' }, spec: { accessModes: ['ReadWriteMany'] } });
  });

  it('the structural check finds what is wrong with a bad Job', () => {
    const [good] = load('replay-job.yaml');
    const bad = structuredClone(good) as Obj;
    const spec = obj(bad.spec, 'spec');
    spec.completionMode = 'Sharded';
    const pod = obj(obj(spec.template, 'template').spec, 'pod');
    pod.restartPolicy = 'Always';
    obj(pod.securityContext, 'sc').runAsNonRoot = false;
    expect(jobProblems(bad)).toEqual([
      'spec.completionMode is Indexed or NonIndexed',
      'spec.template.spec.restartPolicy is Never or OnFailure',
      'the pod runs as non-root (securityContext.runAsNonRoot)',
    ]);
  });

  it('replay-job.yaml is an Indexed Job whose pods each replay their shard to the shared volume', () => {
    const docs = load('replay-job.yaml');
    expect(docs).toHaveLength(1);
    const job = docs[0] as Obj;
    expect(jobProblems(job)).toEqual([]);
    const spec = obj(job.spec, 'spec');
    expect(spec.completionMode).toBe('Indexed');
    expect(envOf(job, 'SHARDS')).toBe(String(spec.completions));
    expect(envOf(job, 'FALCO_HOSTNAME')).toBeTypeOf('string');
    const sh = script(job);
    expect(sh).toContain('falco-replay run /data/captures -r /data/rules --shard "$JOB_COMPLETION_INDEX/$SHARDS"');
    expect(sh).toContain('--json --no-summary --no-progress');
    expect(sh).toContain('--summary-file "/data/out/summary-$k.json" > "/data/out/alerts-$k.jsonl"');
  });

  it('merge-job.yaml is one pod merging every shard from the shared volume', () => {
    const [replay] = load('replay-job.yaml');
    const docs = load('merge-job.yaml');
    expect(docs).toHaveLength(1);
    const job = docs[0] as Obj;
    expect(jobProblems(job)).toEqual([]);
    expect(obj(job.spec, 'spec').completionMode ?? 'NonIndexed').toBe('NonIndexed');
    expect(envOf(job, 'SHARDS')).toBe(envOf(replay as Obj, 'SHARDS'));
    const sh = script(job);
    expect(sh).toContain('falco-replay merge summary-*.json --alerts alerts-*.jsonl --no-summary');
    expect(sh).toContain('--summary-file merged-summary.json > merged-alerts.jsonl');
  });

  it('their scripts, run here over a folder laid out like the volume, merge into what one run prints', () => {
    const [replay] = load('replay-job.yaml') as [Obj];
    const [merge] = load('merge-job.yaml') as [Obj];
    const data = mkdtempSync(join(tmpdir(), 'falco-replay-volume-'));
    try {
      mkdirSync(join(data, 'captures'));
      mkdirSync(join(data, 'rules'));
      for (const n of ['x', 'y', 'z']) copyFileSync(fixturePath('demo.scap'), join(data, 'captures', `${n}.scap`));
      copyFileSync(fixturePath('recorded', 'demo-payments-api-shell.scap'), join(data, 'captures', 'payments.scap'));
      copyFileSync(fixturePath('recorded', 'shell-redirect-copy-exec.scap'), join(data, 'captures', 'shell.scap'));
      copyFileSync(fixturePath('rules', 'default', 'falco-replay_rules.yaml'), join(data, 'rules', 'rules.yaml'));
      const shards = Number(envOf(replay, 'SHARDS'));
      for (let k = 0; k < shards; k++) {
        const r = runScript(replay, data, { JOB_COMPLETION_INDEX: String(k) });
        expect(r.stderr).toContain(`shard ${k}/${shards}:`);
        expect(r.status).toBe(0);
      }
      expect(readdirSync(join(data, 'out')).filter((f) => f.startsWith('summary-'))).toHaveLength(shards);
      const m = runScript(merge, data, {});
      expect(m.stderr).toBe('');
      expect(m.status).toBe(0);
      const cli = join(REPO_ROOT, 'dist', 'cli', 'main.js');
      const one = spawnSync(process.execPath, [cli, 'run', join(data, 'captures'), '-r', join(data, 'rules'), '--json'], { env: { ...process.env, FALCO_HOSTNAME: envOf(replay, 'FALCO_HOSTNAME') as string, TZ: 'UTC' }, encoding: 'utf8' });
      expect(one.status).toBe(0);
      const cut = one.stdout.indexOf('Events detected:');
      expect(readFileSync(join(data, 'out', 'merged-alerts.jsonl'), 'utf8')).toBe(one.stdout.slice(0, cut));
      expect(m.stdout).toBe(one.stdout.slice(cut));
    } finally {
      rmSync(data, { recursive: true, force: true });
      rmSync(`${data}-bin`, { recursive: true, force: true });
    }
  });

  it('the image the Jobs run: Node 20 slim, built in a builder stage without the recorder, running as a non-root user id', () => {
    const docker = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const from = [...docker.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(from).toEqual(['node:20-slim', 'node:20-slim']);
    expect(docker).toMatch(/^ENV FALCO_REPLAY_SKIP_NATIVE=1$/m);
    expect(docker).toMatch(/^RUN npm ci && npm prune --omit=dev$/m);
    const user = /^USER (\d+)(?::(\d+))?$/m.exec(docker);
    expect(Number(user?.[1])).toBeGreaterThan(0);
    const [replay] = load('replay-job.yaml') as [Obj];
    expect(obj(obj(obj(obj(replay.spec, 'spec').template, 'template').spec, 'pod').securityContext, 'sc').runAsUser).toBe(Number(user?.[1]));
    // Everything the Dockerfile copies from the build context is left in it by .dockerignore.
    const ignored = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const copied = [...docker.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => (m[1] as string).split(' '));
    expect(copied).toEqual(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'src', 'fixtures']);
    for (const c of copied) expect(ignored, c).not.toContain(c);
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'native', '.git']));
  });
});
