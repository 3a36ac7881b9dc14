import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/reporters';
import { detect, planTiers, skipLine, TIERS, tierEnv } from './test/helpers/tiers.js';

// Tiers (test/helpers/tiers.ts) are decided here, once: each one this machine can run becomes a project, and
// each one it cannot is named at the end of the run. FALCO_REPLAY_REQUIRE_ALL_TIERS=1 (.ci/run) makes a tier
// that cannot run an error.
const detected = detect();
const plans = planTiers(detected);
const skipped = plans.filter((p) => p.reasons.length > 0);
if (skipped.length > 0 && process.env.FALCO_REPLAY_REQUIRE_ALL_TIERS === '1') {
  throw new Error(`FALCO_REPLAY_REQUIRE_ALL_TIERS=1 but some test tiers cannot run:\n${skipped.map(skipLine).join('\n')}`);
}

const testFiles = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
const listed = TIERS.flatMap((t) => t.files);

const skipReporter: Reporter = {
  onTestRunEnd() {
    for (const p of skipped) process.stderr.write(`${skipLine(p)}\n`);
  },
};

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', skipReporter],
    projects: plans
      .filter((p) => p.reasons.length === 0)
      .map(({ tier }) => ({
        extends: true,
        test: {
          name: tier.name,
          include: tier.name === 'unit' ? testFiles : [...tier.files],
          exclude: tier.name === 'unit' ? ['**/node_modules/**', ...listed] : ['**/node_modules/**'],
          env: tierEnv(tier, detected),
        },
      })),
  },
});
