// Test tiers: what each test file needs besides Node, and whether this machine has it. vitest.config.ts makes
// one vitest project per tier that can run and names the others; no test skips itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Something a tier needs beyond Node and the repository. */
export type Need = 'shared' | 'sysdig' | 'root' | 'addon' | 'tmux';

export interface Tier {
  /** The vitest project name. */
  name: 'unit' | 'shared' | 'sysdig' | 'native' | 'terminal';
  /** How the skip line names it. */
  label: string;
  needs: readonly Need[];
  /** Test files of the tier, relative to the repository; the unit tier takes every file no other tier lists. */
  files: readonly string[];
}

export const TIERS: readonly Tier[] = [
  { name: 'unit', label: 'unit tier', needs: [], files: [] },
  {
    name: 'shared',
    label: 'shared-data tier',
    needs: ['shared'],
    files: [
      'test/cli/commands.test.ts',
      'test/cli/diff-report.test.ts',
      'test/cli/events-numbering.test.ts',
      'test/cli/diff-shared-counts.test.ts',
      'test/cli/outputs-falco-file.test.ts',
      'test/cli/plugin-events.test.ts',
      'test/cli/replay-events-parity.test.ts',
      'test/cli/report.test.ts',
      'test/cli/rules-commands.test.ts',
      'test/cli/run-e2e.test.ts',
      'test/cli/robustness-capture-dir.test.ts',
      'test/cli/robustness-damage.test.ts',
      'test/cli/robustness-fuzz.test.ts',
      'test/cli/robustness-proto.test.ts',
      'test/cli/robustness-stdout.test.ts',
      'test/cli/robustness-tz.test.ts',
      'test/scap/robustness-gzip.test.ts',
      'test/cli/run.test.ts',
      'test/cli/tui/probe-history.test.ts',
      'test/cli/run-threads.test.ts',
      'test/engine/diff/plans-shared.test.ts',
      'test/engine/diff/static.test.ts',
      'test/engine/replay-threads.test.ts',
      'test/engine/rule-plans-stock.test.ts',
      'test/engine/fields/registry.test.ts',
      'test/engine/output/render.test.ts',
      'test/engine/plugins/shared-records.test.ts',
      'test/engine/rules/describe.test.ts',
      'test/engine/rules/explain-stock.test.ts',
      'test/engine/rules/falco-tests.test.ts',
      'test/engine/rules/fast-yaml-stock.test.ts',
      'test/engine/rules/stock-rules.test.ts',
      'test/native/cli-and-loader.test.ts',
      'test/scap/convert.test.ts',
      'test/scap/reader.test.ts',
      'test/scap/robustness.test.ts',
    ],
  },
  {
    name: 'sysdig',
    label: 'sysdig oracle tier',
    needs: ['sysdig', 'shared'],
    files: [
      'test/cli/events-buffers-sysdig.test.ts',
      'test/cli/falco-regression.test.ts',
      'test/cli/plugin-events-sysdig.test.ts',
      'test/cli/slice-sysdig.test.ts',
      'test/engine/state/sysdig-fields.test.ts',
      'test/engine/state/sysdig-ip-families.test.ts',
      'test/engine/state/sysdig-rule-counts.test.ts',
      'test/engine/state/sysdig-unbound-env.test.ts',
      'test/engine/state/thread-cpu-time.test.ts',
      'test/fixtures/demo-sysdig.test.ts',
      'test/native/fixtures-recorded.test.ts',
      'test/scap/sysdig-parity.test.ts',
      'test/scap/writer-sysdig.test.ts',
    ],
  },
  {
    name: 'native',
    label: 'native tier',
    needs: ['root', 'addon', 'sysdig'],
    files: [
      'test/native/coverage.test.ts',
      'test/native/issue-command.test.ts',
      'test/native/modes.test.ts',
      'test/native/plugin-events.test.ts',
      'test/native/plugin-library.test.ts',
      'test/native/privileges-and-spawn.test.ts',
      'test/native/record-cli.test.ts',
      'test/native/sigkill.test.ts',
    ],
  },
  {
    name: 'terminal',
    label: 'terminal tier',
    needs: ['tmux'],
    files: ['test/cli/tui/tmux-e2e.test.ts'],
  },
];

/** The sysdig release whose output the oracle tests compare with. */
export const SYSDIG_VERSION = '0.29.3';

/** Handed to tiers without sysdig (or shared data) so that a misfiled test fails instead of reaching them. */
export const NOT_IN_TIER = '/nonexistent/not-available-in-this-test-tier';

export interface Detected {
  sharedDir: string;
  sysdig: string;
  addon: string;
  /** Why each missing need is missing. */
  missing: Partial<Record<Need, string>>;
}

/** Looks once for what the tiers need; the environment variables let a run pretend something is missing. */
export function detect(env: NodeJS.ProcessEnv = process.env): Detected {
  const sharedDir = resolve(env.FALCO_REPLAY_SHARED ?? join(REPO_ROOT, '..', 'shared'));
  const sysdig = env.FALCO_REPLAY_SYSDIG ?? 'sysdig';
  const addon = env.FALCO_REPLAY_NATIVE_ADDON ?? join(REPO_ROOT, 'native', 'build', 'Release', 'falco_replay_recorder.node');
  const missing: Detected['missing'] = {};
  if (!existsSync(join(sharedDir, 'captures'))) {
    missing.shared =
      env.FALCO_REPLAY_SHARED === undefined
        ? `../shared not found at ${sharedDir} (clone next to it or set FALCO_REPLAY_SHARED)`
        : `FALCO_REPLAY_SHARED=${env.FALCO_REPLAY_SHARED} has no captures/ folder`;
  }
  const v = spawnSync(sysdig, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (v.error || v.status !== 0) {
    missing.sysdig = env.FALCO_REPLAY_SYSDIG === undefined ? 'sysdig not installed (apt-get install sysdig)' : `FALCO_REPLAY_SYSDIG=${sysdig} does not run`;
  }
  else if (!v.stdout.includes(SYSDIG_VERSION)) missing.sysdig = `${sysdig} is "${v.stdout.trim()}", the oracle is sysdig ${SYSDIG_VERSION}`;
  const tmux = env.FALCO_REPLAY_TMUX ?? 'tmux';
  const t = spawnSync(tmux, ['-V'], { encoding: 'utf8', timeout: 20_000 });
  if (t.error || t.status !== 0) missing.tmux = env.FALCO_REPLAY_TMUX === undefined ? 'tmux not installed (apt-get install tmux)' : `FALCO_REPLAY_TMUX=${tmux} does not run`;
  if (process.getuid?.() !== 0) missing.root = 'not root';
  if (!existsSync(addon)) missing.addon = `addon not built at ${addon} (npm run build:native)`;
  return { sharedDir, sysdig, addon, missing };
}

export interface TierPlan {
  tier: Tier;
  /** Reasons it cannot run; empty when it runs. */
  reasons: string[];
}

export function planTiers(d: Detected): TierPlan[] {
  return TIERS.map((tier) => ({ tier, reasons: tier.needs.flatMap((n) => (d.missing[n] ? [d.missing[n]] : [])) }));
}

/** The line a run prints for a tier it did not run. */
export const skipLine = (p: TierPlan): string => `${p.tier.label}: not run: ${p.reasons.join('; ')}`;

/** Environment for a tier's test workers: what it has, and sentinels for what it must not reach. */
export function tierEnv(tier: Tier, d: Detected): Record<string, string> {
  return {
    FALCO_REPLAY_SHARED: tier.needs.includes('shared') ? d.sharedDir : NOT_IN_TIER,
    FALCO_REPLAY_SYSDIG: tier.needs.includes('sysdig') ? d.sysdig : NOT_IN_TIER,
  };
}
