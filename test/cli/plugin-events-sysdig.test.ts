// Captures written by `record --plugin-events` open in sysdig 0.29.3 without errors: every record is a
// `pluginevent` with its plugin ID and payload, in time order (the independent oracle for the TS writer path).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { sharedPath } from '../helpers/paths.js';
import { SYSDIG } from '../helpers/sysdig.js';

const dir = mkdtempSync(join(tmpdir(), 'falco-replay-plugin-sysdig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('record --plugin-events, read by sysdig 0.29.3', () => {
  it.each([false, true])('k8s audit, CloudTrail (64 KB record) and JSON lines (gzip: %s)', async (gzip) => {
    const lines = join(dir, 'lines.json');
    writeFileSync(lines, '{"a":1}\n\n{"b":[1,2]}\n');
    const out = join(dir, gzip ? 'all.scap.gz' : 'all.scap');
    const rec = await cli([
      'record', '-o', out,
      '--plugin-events', `k8s_audit:${sharedPath('k8s_audit', 'create_configmap_sensitive_values.json')}`,
      '--plugin-events', `aws_cloudtrail:${sharedPath('cloudtrail', 'alice_start_instances_bigevent.json')}`,
      '--plugin-events', `json:${lines}`,
    ]); // prettier-ignore
    expect(rec.code).toBe(0);
    const text = execFileSync(SYSDIG, ['-r', out, '-p', '%evt.num %evt.rawtime %evt.type %evt.args'], { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
    const rows = text.trim().split('\n');
    expect(rows).toHaveLength(9);
    const ids = rows.map((r) => /plugin ID=(\d+)/.exec(r)?.[1]);
    expect(ids).toEqual(['2', '1', '1', '1', '1', '1', '1', '999', '999']);
    for (const r of rows) expect(r.split(' ')[2]).toBe('pluginevent');
    const times = rows.map((r) => BigInt(r.split(' ')[1] as string));
    expect([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(times);
    // The CloudTrail record's own eventTime, and the audit events' stageTimestamp.
    const trail = JSON.parse(readFileSync(sharedPath('cloudtrail', 'alice_start_instances_bigevent.json'), 'utf8')) as { Records: { eventTime: string }[] };
    expect(times[0]).toBe(BigInt(Date.parse(trail.Records[0]?.eventTime ?? '')) * 1_000_000n);
    expect(rows[7]).toMatch(/event_data=\{"a":1\}\s*$/);
  });
});
