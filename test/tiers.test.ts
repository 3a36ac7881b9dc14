import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';
import { detect, NOT_IN_TIER, planTiers, skipLine, TIERS, tierEnv } from './helpers/tiers.js';

describe('test tiers', () => {
  it('list only test files that exist, each in one tier', () => {
    const files = TIERS.flatMap((t) => t.files);
    for (const f of files) {
      expect(f).toMatch(/\.test\.tsx?$/);
      expect(existsSync(join(REPO_ROOT, f)), f).toBe(true);
    }
    expect(new Set(files).size).toBe(files.length);
  });

  it('name every missing need in the line of each tier that cannot run', () => {
    const d = detect({ FALCO_REPLAY_SHARED: '/nonexistent/shared', FALCO_REPLAY_SYSDIG: '/nonexistent/sysdig', FALCO_REPLAY_NATIVE_ADDON: '/nonexistent/addon.node', FALCO_REPLAY_TMUX: '/nonexistent/tmux' });
    expect(d.missing.shared).toBe('FALCO_REPLAY_SHARED=/nonexistent/shared has no captures/ folder');
    expect(d.missing.sysdig).toBe('FALCO_REPLAY_SYSDIG=/nonexistent/sysdig does not run');
    expect(d.missing.addon).toContain('addon not built at /nonexistent/addon.node');
    const lines = planTiers(d)
      .filter((p) => p.reasons.length > 0)
      .map(skipLine);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('shared-data tier: not run: FALCO_REPLAY_SHARED=/nonexistent/shared has no captures/ folder');
    expect(lines[1]).toMatch(/^sysdig oracle tier: not run: FALCO_REPLAY_SYSDIG=\/nonexistent\/sysdig does not run; FALCO_REPLAY_SHARED=/);
    expect(lines[2]).toMatch(/^native tier: not run: (not root; )?addon not built/);
    expect(lines[3]).toBe('terminal tier: not run: FALCO_REPLAY_TMUX=/nonexistent/tmux does not run');
  });

  it('run the unit tier everywhere', () => {
    const d = detect({ FALCO_REPLAY_SHARED: '/nonexistent/shared', FALCO_REPLAY_SYSDIG: '/nonexistent/sysdig' });
    expect(planTiers(d).find((p) => p.tier.name === 'unit')?.reasons).toEqual([]);
  });

  it('hand a tier only what it needs, so a misfiled test fails instead of reaching the rest', () => {
    const d = { sharedDir: '/s', sysdig: '/usr/bin/sysdig', addon: '/a', missing: {} };
    const env = (name: string): Record<string, string> => tierEnv(TIERS.find((t) => t.name === name)!, d);
    expect(env('unit')).toEqual({ FALCO_REPLAY_SHARED: NOT_IN_TIER, FALCO_REPLAY_SYSDIG: NOT_IN_TIER });
    expect(env('shared')).toEqual({ FALCO_REPLAY_SHARED: '/s', FALCO_REPLAY_SYSDIG: NOT_IN_TIER });
    expect(env('sysdig')).toEqual({ FALCO_REPLAY_SHARED: '/s', FALCO_REPLAY_SYSDIG: '/usr/bin/sysdig' });
    expect(env('native')).toEqual({ FALCO_REPLAY_SHARED: NOT_IN_TIER, FALCO_REPLAY_SYSDIG: '/usr/bin/sysdig' });
  });
});
