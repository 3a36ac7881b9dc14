// `run --since/--until`: only alerts inside the capture-time window are reported, with state rebuilt from the
// start of the capture (process ancestry known before the window is still there).
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/paths.js';

const demo = fixturePath('demo.scap');
const alertTimes = (out: string): string[] => out.split('\n').filter((l) => /^\d{2}:\d{2}:/.test(l)).map((l) => l.slice(0, 18));

describe('run --since/--until', () => {
  it('reports the alerts of a time-of-day window on the capture day, in TZ as alerts print it', async () => {
    const all = await cli([demo, '--no-summary'], { TZ: 'UTC' });
    expect(alertTimes(all.stdout)).toHaveLength(14);
    const w = await cli([demo, '--no-summary', '--since', '09:30:04.0006', '--until', '09:30:10.002'], { TZ: 'UTC' });
    expect(w.code).toBe(0);
    expect(alertTimes(w.stdout)).toEqual(['09:30:04.000920000', '09:30:04.001266000', '09:30:04.001269000', '09:30:10.001294000', '09:30:10.001633000', '09:30:10.001966000']);
    // The same window in another zone: times of day are read in TZ, as alert lines print them.
    const ist = await cli([demo, '--no-summary', '--since', '15:00:04.0006', '--until', '15:00:10.002'], { TZ: 'IST-5:30' });
    expect(alertTimes(ist.stdout)).toHaveLength(6);
  });

  it('takes ISO 8601 instants, and keeps state from before the window', async () => {
    const r = await cli([demo, '--no-summary', '--since', '2024-05-14T09:30:10.0019Z', '--until', '2024-05-14T11:30:10.002+02:00'], { TZ: 'UTC' });
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    // bash was spawned (and its parents seen) before the window: its ancestry is still known.
    expect(lines[0]).toMatch(/^09:30:10\.001966000: Notice Process spawned \(user=www-data command=bash -i pid=30005 parent=sh gparent=php-fpm8\.2 /);
  });

  it('counts only the window in the summary, and rejects a bad time', async () => {
    const r = await cli([demo, '--since', '09:30:13'], { TZ: 'UTC' });
    expect(r.stdout).toContain('Events detected: 3\n');
    const bad = await cli([demo, '--until', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--since/--until: expected an ISO 8601 time");
  });
});
